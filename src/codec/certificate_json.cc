#include "codec/certificate_json.h"

#include <boost/json.hpp>

#include "codec/json_util.h"

namespace anpei::codec {
namespace json = boost::json;
namespace {

json::array FieldsArray(const domain::CertificateFields& f) {
  json::array out;
  for (const auto& lf : domain::LabelledFields(f)) {
    out.push_back(json::object{{"key", lf.key}, {"label", lf.label}, {"value", lf.value}});
  }
  return out;
}

// The material fields as members, the contract's names first (status is added by the caller).
void PutFields(json::object& o, const domain::CertificateFields& f) {
  o["number"] = f.number;
  o["name"] = f.holder;  // masked (张*)
  o["masked_name"] = f.holder;
  o["occupation"] = f.occupation_name;
  o["occupation_id"] = f.occupation;
  o["level"] = f.level;
  o["institution"] = f.institution;
  o["issue_date"] = f.issued;
  o["class_start"] = f.class_start;
  o["class_end"] = f.class_end;
  o["policy"] = f.policy;
}

void PutStatus(json::object& o, const domain::Certificate& c) {
  o["status"] = c.revoked() ? "revoked" : "valid";
  o["status_name"] = c.revoked() ? "已撤销" : "有效";
  o["revoked_at"] = c.revoked_at ? json::value(*c.revoked_at) : json::value(nullptr);
  o["revoked_reason"] = c.revoked() ? json::value(c.revoked_reason) : json::value(nullptr);
}

json::object CertificateObject(const domain::Certificate& c) {
  json::object o;
  o["id"] = c.id;
  o["class_id"] = c.class_id;
  o["class_title"] = c.class_title;
  o["person_id"] = c.person_id;
  PutFields(o, c.fields);
  PutStatus(o, c);
  o["code"] = c.code;
  o["verify_path"] = "/verify/" + c.code;
  o["issued_at"] = c.issued_at;
  o["key_id"] = c.key_id;
  o["status_index"] = c.status_index;
  o["fields"] = FieldsArray(c.fields);
  return o;
}

Result<json::object> Body(std::string_view body) {
  ANPEI_ASSIGN_OR_RETURN(auto v, ParseJson(body.empty() ? std::string_view("{}") : body));
  ANPEI_ASSIGN_OR_RETURN(auto o, AsObject(v, ""));
  return *o;
}

}  // namespace

std::string CertificateToJson(const domain::Certificate& c) {
  return json::serialize(CertificateObject(c));
}

std::string CertificatesToJson(const std::vector<domain::Certificate>& items) {
  json::array arr;
  for (const auto& c : items) arr.push_back(CertificateObject(c));
  return json::serialize(json::object{{"items", std::move(arr)}});
}

std::string PublicCertificateToJson(const app::PublicCertificate& v) {
  const domain::Certificate& c = v.certificate;
  json::object o;
  PutFields(o, c.fields);
  PutStatus(o, c);
  o["code"] = c.code;
  o["fields"] = FieldsArray(c.fields);
  o["canonical_fields"] = domain::Base64Url(c.fields_json);
  o["signature"] = c.signature;
  o["key_id"] = c.key_id;
  o["alg"] = "Ed25519";
  o["status_index"] = c.status_index;
  o["record_signature_valid"] = v.record_signature_valid;
  o["policy_document"] = v.policy_document;
  if (v.qr) {
    json::object q;
    q["signature_valid"] = v.qr->signature_valid;
    q["matches_record"] = v.qr->matches_record;
    json::array cmp;
    const auto record = domain::LabelledFields(c.fields);
    std::vector<domain::LabelledField> given;
    if (v.qr->fields) given = domain::LabelledFields(*v.qr->fields);
    for (size_t i = 0; i < record.size(); ++i) {
      json::object row{
          {"key", record[i].key}, {"label", record[i].label}, {"record", record[i].value}};
      if (i < given.size()) {
        row["qr"] = given[i].value;
        row["matches"] = given[i].value == record[i].value;
      } else {
        row["qr"] = nullptr;
        row["matches"] = false;
      }
      cmp.push_back(std::move(row));
    }
    q["fields"] = std::move(cmp);
    o["qr"] = std::move(q);
  } else {
    o["qr"] = nullptr;
  }
  return json::serialize(o);
}

std::string CertificateKeysToJson(const std::vector<domain::CertificateKey>& keys) {
  json::array arr;
  for (const auto& k : keys) {
    arr.push_back(json::object{{"key_id", k.key_id},
                               {"alg", "Ed25519"},
                               {"public_key", k.public_key},
                               {"encoding", "base64url"},
                               {"first_used_at", k.first_used_at}});
  }
  return json::serialize(json::object{{"items", std::move(arr)}});
}

std::string StatusListToJson(const app::StatusList& l) {
  return json::serialize(json::object{{"type", "BitstringStatusList"},
                                      {"status_purpose", "revocation"},
                                      {"issued_at", l.issued_at},
                                      {"size_bits", l.size_bits},
                                      {"encoding", "gzip+base64url"},
                                      {"encoded_list", l.encoded_list},
                                      {"alg", "Ed25519"},
                                      {"key_id", l.key_id},
                                      {"signature", l.signature}});
}

Result<std::optional<int64_t>> ParseIssueCertificates(std::string_view body) {
  ANPEI_ASSIGN_OR_RETURN(auto o, Body(body));
  if (!o.contains("version") || o.at("version").is_null()) return std::optional<int64_t>();
  ANPEI_ASSIGN_OR_RETURN(auto v, RequiredInt(o, "", "version"));
  return std::optional<int64_t>(v);
}

Result<std::string> ParseRevokeCertificate(std::string_view body) {
  ANPEI_ASSIGN_OR_RETURN(auto o, Body(body));
  ANPEI_ASSIGN_OR_RETURN(auto reason, OptionalString(o, "", "reason"));
  return reason.value_or("");
}

}  // namespace anpei::codec
