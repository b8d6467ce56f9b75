#include "http/list_filters.h"

#include <charconv>

#include <algorithm>

#include "codec/model_json.h"
#include "domain/date.h"
#include "domain/model.h"

namespace anpei::http {

Result<ports::ClassFilter> ClassFilterOf(const HttpRequest& req) {
  ports::ClassFilter f;
  ANPEI_ASSIGN_OR_RETURN(auto inst, codec::QueryId(req.query, "institution_id"));
  f.institution_id = inst;
  f.district_code = codec::QueryString(req.query, "district_code");
  f.state = codec::QueryString(req.query, "state");
  if (f.state && !domain::ParseClassState(*f.state)) {
    return Status::Invalid("state", "未知的培训班状态「" + f.state->substr(0, 40) + "」");
  }
  f.occupation = codec::QueryString(req.query, "occupation");
  f.q = codec::QueryString(req.query, "q");
  // The review queue's filters: the first session's date range, the waiting time.
  std::optional<domain::Date> from, to;
  if (const auto text = codec::QueryString(req.query, "start_from")) {
    ANPEI_ASSIGN_OR_RETURN(from, domain::ParseDate(*text, "start_from"));
    f.start_from = from->ToString();
  }
  if (const auto text = codec::QueryString(req.query, "start_to")) {
    ANPEI_ASSIGN_OR_RETURN(to, domain::ParseDate(*text, "start_to"));
    f.start_to = to->ToString();
  }
  if (from && to && to->ToDays() < from->ToDays()) {
    return Status::Invalid("start_to", "开班日期的结束日期不能早于开始日期");
  }
  if (const auto text = codec::QueryString(req.query, "waiting_days_min")) {
    int64_t days = -1;
    auto [end, ec] = std::from_chars(text->data(), text->data() + text->size(), days);
    if (ec != std::errc() || end != text->data() + text->size() || days < 0 || days > 3650) {
      return Status::Invalid("waiting_days_min",
                             "waiting_days_min 应为 0 到 3650 之间的整数（天）");
    }
    f.waiting_days_min = days;
  }
  return f;
}

Result<ports::InstitutionFilter> InstitutionFilterOf(const HttpRequest& req) {
  ports::InstitutionFilter f;
  f.district_code = codec::QueryString(req.query, "district_code");
  f.q = codec::QueryString(req.query, "q");
  f.uscc_status = codec::QueryString(req.query, "uscc_status");
  if (f.uscc_status && !domain::ParseUsccStatus(*f.uscc_status)) {
    return Status::Invalid("uscc_status",
                           "未知的信用代码状态「" + f.uscc_status->substr(0, 40) + "」");
  }
  return f;
}

Result<ports::TeacherFilter> TeacherFilterOf(const HttpRequest& req) {
  ports::TeacherFilter f;
  ANPEI_ASSIGN_OR_RETURN(auto inst, codec::QueryId(req.query, "institution_id"));
  f.institution_id = inst;
  f.q = codec::QueryString(req.query, "q");
  return f;
}

Result<ports::TraineeFilter> TraineeFilterOf(const HttpRequest& req) {
  ports::TraineeFilter f;
  f.group = codec::QueryString(req.query, "group");
  f.q = codec::QueryString(req.query, "q");
  return f;
}

Result<ports::HeldFilter> HeldFilterOf(const HttpRequest& req) {
  ports::HeldFilter f;
  f.state = codec::QueryString(req.query, "state");
  if (f.state && !domain::ParseHeldState(*f.state)) {
    return Status::Invalid(
        "state", "state 应为 held、confirmed 或 refused，收到「" + f.state->substr(0, 20) + "」");
  }
  ANPEI_ASSIGN_OR_RETURN(auto inst, codec::QueryId(req.query, "institution_id"));
  f.institution_id = inst;
  f.district_code = codec::QueryString(req.query, "district_code");
  return f;
}

Result<ports::UserFilter> UserFilterOf(const HttpRequest& req) {
  ports::UserFilter f;
  f.q = codec::QueryString(req.query, "q");
  return f;
}

Result<ports::AuditFilter> AuditFilterOf(const HttpRequest& req) {
  ports::AuditFilter f;
  f.actor = codec::QueryString(req.query, "actor");
  f.action = codec::QueryString(req.query, "action");
  f.target = codec::QueryString(req.query, "target");
  // A target by type ("class") and optionally id ("5"): the id narrows to one target.
  const auto type = codec::QueryString(req.query, "target_type");
  const auto target_id = codec::QueryString(req.query, "target_id");
  if (type) {
    const bool word = !type->empty() && type->size() <= 32 &&
                      type->find_first_not_of("abcdefghijklmnopqrstuvwxyz_") == std::string::npos;
    if (!word)
      return Status::Invalid("target_type", "对象类型应为小写英文单词（如 class、trainee）");
  }
  if (target_id) {
    if (!type) return Status::Invalid("target_type", "按对象编号筛选时须同时给出对象类型");
    if (target_id->empty() || target_id->size() > 64 ||
        target_id->find_first_of(":;") != std::string::npos ||
        std::any_of(target_id->begin(), target_id->end(),
                    [](unsigned char c) { return c < 0x20 || c == 0x7f; })) {
      return Status::Invalid("target_id", "对象编号无效");
    }
    f.target = *type + ":" + *target_id;
  } else if (type) {
    f.target_type = *type;
  }
  // The time range: whole days in the server's local time (the trail's own offset).
  std::optional<domain::Date> from, to;
  if (const auto text = codec::QueryString(req.query, "from")) {
    ANPEI_ASSIGN_OR_RETURN(auto d, domain::ParseDate(*text, "from"));
    from = d;
    f.at_from = d.ToString();
  }
  if (const auto text = codec::QueryString(req.query, "to")) {
    ANPEI_ASSIGN_OR_RETURN(auto d, domain::ParseDate(*text, "to"));
    to = d;
    f.at_before = d.AddDays(1).ToString();
  }
  if (from && to && to->ToDays() < from->ToDays()) {
    return Status::Invalid("to", "结束日期不能早于开始日期");
  }
  ANPEI_ASSIGN_OR_RETURN(auto after, codec::QueryId(req.query, "after_seq"));
  f.after_seq = after;
  const auto order = codec::QueryString(req.query, "order");
  if (order && *order != "asc" && *order != "desc") {
    return Status::Invalid("order", "order 应为 asc（最早在前）或 desc（最新在前）");
  }
  f.newest_first = order && *order == "desc";
  return f;
}

std::string Rfc5987Encode(const std::string& text) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : text) {
    const bool attr_char = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
                           (c >= '0' && c <= '9') || c == '!' || c == '#' || c == '$' || c == '&' ||
                           c == '+' || c == '-' || c == '.' || c == '^' || c == '_' || c == '`' ||
                           c == '|' || c == '~';
    if (attr_char) {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 0xF];
    }
  }
  return out;
}

HttpResponse FileResponse(std::string bytes, std::string content_type, const std::string& file_name,
                          const std::string& ascii_fallback, bool inline_view) {
  HttpResponse out;
  out.content_type = std::move(content_type);
  out.body = std::move(bytes);
  out.headers.emplace_back("Content-Disposition",
                           std::string(inline_view ? "inline" : "attachment") + "; filename=\"" +
                               ascii_fallback + "\"; filename*=UTF-8''" + Rfc5987Encode(file_name));
  out.headers.emplace_back("Cache-Control", "no-store");
  return out;
}

}  // namespace anpei::http
