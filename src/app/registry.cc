#include "app/registry.h"

#include "app/audit_changes.h"
#include "app/audit_log.h"
#include "app/authorize.h"
#include "app/enrolment.h"
#include "domain/identity.h"
#include "domain/model.h"
#include "domain/text.h"

namespace anpei::app {
namespace {

using ports::TxMode;

std::string Join(const std::string& path, std::string_view field) {
  return path.empty() ? std::string(field) : path + "." + std::string(field);
}

Status CheckPersonIdField(const AppContext& ctx, std::string& id_number, const std::string& field) {
  id_number = ctx.text->Identifier(id_number);
  if (id_number.empty()) return Status::Invalid(field, "请填写身份证件号码");
  auto check = domain::CheckPersonId(id_number, ctx.Today());
  if (!check.ok()) {
    // Plain words for people; the stable reason (id_number.check_digit, ...) is for programs.
    const std::string reason(domain::IdErrorName(check.error));
    const std::string message = check.error == domain::IdError::kCheckDigit
                                    ? std::string("身份证号校验位不正确，请核对最后一位")
                                    : "身份证号有误：" + check.detail;
    return Status::Invalid(field, message).WithReason("id_number." + reason);
  }
  id_number = domain::CanonicalPersonId(id_number);
  return Status::Ok();
}

// 18 characters: 17 digits and a digit or X/x (resident IDs and residence permits alike).
bool LooksLikeWholeIdNumber(std::string_view q) {
  if (q.size() != 18) return false;
  for (size_t i = 0; i < 17; ++i) {
    if (q[i] < '0' || q[i] > '9') return false;
  }
  return (q[17] >= '0' && q[17] <= '9') || q[17] == 'X' || q[17] == 'x';
}

Status CheckDistrictCode(const std::string& code, const std::string& field) {
  if (code.size() != 6 || code.find_first_not_of("0123456789") != std::string::npos) {
    return Status::Invalid(field, "行政区划代码应为 6 位数字，收到「" + code + "」");
  }
  return Status::Ok();
}

// The credit code, upper-cased as GB 32100 writes it on every path (API, console, CLI). A code
// that fails only its check character is accepted as a legacy code (`legacy` set): the caller
// holds the institution for the city bureau's confirmation.
Status CheckUsccField(const AppContext& ctx, domain::Institution& in, bool& legacy) {
  in.uscc = domain::CanonicalUscc(ctx.text->Identifier(in.uscc));
  if (in.uscc.empty()) return Status::Invalid("uscc", "请填写统一社会信用代码");
  auto uscc = domain::CheckUscc(in.uscc);
  legacy = uscc.error == domain::IdError::kCheckDigit;
  if (!uscc.ok() && !legacy) {
    const std::string reason(domain::IdErrorName(uscc.error));
    return Status::Invalid("uscc", "统一社会信用代码有误：" + uscc.detail)
        .WithReason("uscc." + reason);
  }
  return Status::Ok();
}

Status CheckInstitutionFields(const AppContext& ctx, ports::StoreTx& tx, domain::Institution& in,
                              bool& legacy_uscc) {
  ANPEI_RETURN_IF_ERROR(CheckText(ctx, in.name, "name", "机构名称", 100, true));
  ANPEI_RETURN_IF_ERROR(CheckUsccField(ctx, in, legacy_uscc));
  ANPEI_RETURN_IF_ERROR(CheckDistrictCode(in.district_code, "district_code"));
  auto district = tx.registry().GetDistrict(in.district_code);
  if (!district.ok()) {
    if (district.status().code() == Code::kNotFound) {
      return Status::Invalid("district_code", "行政区划 " + in.district_code + " 未登记");
    }
    return district.status();
  }
  return CheckText(ctx, in.address, "address", "机构地址", 200, false);
}

// The audit note of a legacy code held for confirmation.
std::string LegacyNote(const domain::Institution& in) {
  if (in.uscc_status != domain::UsccStatus::kPending) return "";
  return "统一社会信用代码 " + in.uscc + " 校验码不符（GB 32100），待市公安局确认";
}

// The teacher's institution is within the actor's scope, else the teacher is hidden (404).
Status TeacherInScope(ports::StoreTx& tx, const Actor& actor, const domain::Teacher& t) {
  if (SeesAll(actor)) return Status::Ok();
  ANPEI_ASSIGN_OR_RETURN(auto inst, tx.registry().GetInstitution(t.institution_id));
  if (!InScope(actor, inst.id, inst.district_code)) return Hidden("教师", t.id);
  return Status::Ok();
}

// An institution acts on its own records of people; officials on the people themselves.
bool ForInstitution(const Actor& actor) {
  return actor.Has(domain::kRoleInstitution) && !SeesAll(actor);
}

// A trainee is in an institution's scope while it has its own record of them (every roster entry
// of its classes comes with one), in a reviewer's while an institution of the district has one.
Status TraineeInScope(ports::StoreTx& tx, const Actor& actor, int64_t trainee_id) {
  if (SeesAll(actor)) return Status::Ok();
  bool known = false;
  if (actor.Has(domain::kRoleInstitution)) {
    ANPEI_ASSIGN_OR_RETURN(
        auto record, tx.enrolments().GetEnrolment(actor.institution_id.value_or(-1), trainee_id));
    known = record.has_value();
  } else {
    ANPEI_ASSIGN_OR_RETURN(
        known, tx.enrolments().KnownInDistrict(trainee_id, actor.district_code.value_or("-")));
  }
  if (!known) return Hidden("学员", trainee_id);
  return Status::Ok();
}

Status UniqueConflict(const Status& st, std::string field, std::string message) {
  if (st.code() == Code::kConflict && st.field() != "version") {
    return Status(Code::kConflict, std::move(message), std::move(field));
  }
  return st;
}

}  // namespace

Status CheckText(const AppContext& ctx, std::string& value, const std::string& field,
                 std::string_view label, size_t max_chars, bool required) {
  value = ctx.text->Text(value);
  if (required && value.empty()) return Status::Invalid(field, "请填写" + std::string(label));
  if (domain::Utf8Length(value) > max_chars) {
    return Status::Invalid(field,
                           std::string(label) + "不能超过 " + std::to_string(max_chars) + " 个字");
  }
  for (unsigned char c : value) {
    if (c < 0x20) return Status::Invalid(field, std::string(label) + "含有控制字符");
  }
  return Status::Ok();
}

bool IsKnownTraineeGroup(const ReferenceData& ref, std::string_view group) {
  for (const auto& [id, policy] : ref.policies()) {
    for (const auto& g : policy.trainee_groups) {
      if (g.id == group) return true;
    }
  }
  return false;
}

namespace {

Status CheckTraineePhone(const AppContext& ctx, domain::Trainee& t, const std::string& path) {
  t.phone = ctx.text->Identifier(t.phone);
  auto phone = domain::CanonicalMobilePhone(t.phone);
  if (!phone || !domain::IsMobilePhone(*phone)) {
    return Status::Invalid(
               Join(path, "phone"),
               "手机号码应为 11 位大陆手机号（以 13–19 开头，可带 +86、空格或连字符），收到「" +
                   t.phone + "」")
        .WithReason("phone.invalid");
  }
  t.phone = *phone;
  return Status::Ok();
}

Status CheckTraineeGroup(const AppContext& ctx, domain::Trainee& t, const std::string& path) {
  t.group = ctx.text->Identifier(t.group);
  if (IsKnownTraineeGroup(*ctx.reference, t.group)) return Status::Ok();
  std::string known;
  for (const auto& [id, policy] : ctx.reference->policies()) {
    for (const auto& g : policy.trainee_groups) {
      if (known.find(g.id) != std::string::npos) continue;
      known += (known.empty() ? "" : "、") + g.name;
    }
  }
  return Status::Invalid(Join(path, "group"), "人员类别「" + t.group +
                                                  "」不在政策规定的培训对象内，应为：" + known +
                                                  "（依据政策条款 二（一））");
}

}  // namespace

std::vector<Status> TraineeFieldFaults(const AppContext& ctx, domain::Trainee& t,
                                       const std::string& path) {
  std::vector<Status> out;
  for (Status st : {CheckText(ctx, t.name, Join(path, "name"), "姓名", 50, true),
                    CheckPersonIdField(ctx, t.id_number, Join(path, "id_number")),
                    CheckTraineePhone(ctx, t, path), CheckTraineeGroup(ctx, t, path)}) {
    if (!st.ok()) out.push_back(std::move(st));
  }
  return out;
}

Status CheckTraineeFields(const AppContext& ctx, domain::Trainee& t, const std::string& path) {
  const auto faults = TraineeFieldFaults(ctx, t, path);
  return faults.empty() ? Status::Ok() : faults.front();
}

// ---- districts ----

Result<std::vector<domain::District>> ListDistricts(const AppContext& ctx, const Actor& actor) {
  ANPEI_RETURN_IF_ERROR(NeedRole(actor, kRegistryReaders));
  return InTx<std::vector<domain::District>>(
      ctx, TxMode::kRead, [&](ports::StoreTx& tx, std::vector<domain::District>& out) {
        ANPEI_ASSIGN_OR_RETURN(out, tx.registry().ListDistricts());
        return Status::Ok();
      });
}

Result<domain::District> CreateDistrict(const AppContext& ctx, const Actor& actor,
                                        domain::District in) {
  ANPEI_RETURN_IF_ERROR(NeedRole(actor, kAdministrators));
  in.code = ctx.text->Identifier(in.code);
  ANPEI_RETURN_IF_ERROR(CheckDistrictCode(in.code, "code"));
  ANPEI_RETURN_IF_ERROR(CheckText(ctx, in.name, "name", "区划名称", 50, true));
  Status st = ctx.store->Run(TxMode::kWrite, [&](ports::StoreTx& tx) {
    ANPEI_RETURN_IF_ERROR(UniqueConflict(tx.registry().InsertDistrict(in), "code",
                                         "行政区划 " + in.code + " 已登记"));
    return Audit(ctx, tx, actor, "district.create", "district:" + in.code, "", Canon(in), "",
                 Created(ctx, in));
  });
  if (!st.ok()) return st;
  return in;
}

// ---- institutions ----

Result<ports::PageOf<domain::Institution>> ListInstitutions(const AppContext& ctx,
                                                            const Actor& actor,
                                                            const ports::InstitutionFilter& filter,
                                                            ports::Page page) {
  return InTx<ports::PageOf<domain::Institution>>(
      ctx, TxMode::kRead, [&](ports::StoreTx& tx, ports::PageOf<domain::Institution>& out) {
        ANPEI_ASSIGN_OR_RETURN(out, ListInstitutionsIn(ctx, tx, actor, filter, page));
        return Status::Ok();
      });
}

Result<ports::PageOf<domain::Institution>> ListInstitutionsIn(
    const AppContext& /*ctx*/, ports::StoreTx& tx, const Actor& actor,
    const ports::InstitutionFilter& filter, ports::Page page) {
  ANPEI_RETURN_IF_ERROR(NeedRole(actor, kRegistryReaders));
  ports::InstitutionFilter scoped = filter;
  NarrowToScope(actor, scoped.id, scoped.district_code);
  return tx.registry().ListInstitutions(scoped, page);
}

Result<domain::Institution> GetInstitution(const AppContext& ctx, const Actor& actor, int64_t id) {
  ANPEI_RETURN_IF_ERROR(NeedRole(actor, kRegistryReaders));
  return InTx<domain::Institution>(
      ctx, TxMode::kRead, [&](ports::StoreTx& tx, domain::Institution& out) {
        ANPEI_ASSIGN_OR_RETURN(auto r, tx.registry().GetInstitution(id));
        if (!InScope(actor, r.id, r.district_code)) return Hidden("培训机构", id);
        out = std::move(r);
        return Status::Ok();
      });
}

Result<domain::Institution> CreateInstitution(const AppContext& ctx, const Actor& actor,
                                              domain::Institution in) {
  ANPEI_RETURN_IF_ERROR(NeedRole(actor, kAdministrators));
  return InTx<domain::Institution>(
      ctx, TxMode::kWrite, [&](ports::StoreTx& tx, domain::Institution& out) {
        bool legacy = false;
        ANPEI_RETURN_IF_ERROR(CheckInstitutionFields(ctx, tx, in, legacy));
        in.uscc_status = legacy ? domain::UsccStatus::kPending : domain::UsccStatus::kValid;
        in.uscc_note.clear();
        in.blacklisted_at.reset();
        in.created_at = in.updated_at = ctx.NowText();
        auto id = tx.registry().InsertInstitution(in);
        if (!id.ok()) {
          return UniqueConflict(id.status(), "uscc",
                                "统一社会信用代码 " + in.uscc + " 已被其他机构登记");
        }
        ANPEI_ASSIGN_OR_RETURN(auto r, tx.registry().GetInstitution(*id));
        ANPEI_RETURN_IF_ERROR(Audit(ctx, tx, actor, "institution.create",
                                    "institution:" + std::to_string(*id), "", Canon(r),
                                    LegacyNote(r), Created(ctx, r)));
        out = std::move(r);
        return Status::Ok();
      });
}

Result<domain::Institution> UpdateInstitution(const AppContext& ctx, const Actor& actor, int64_t id,
                                              domain::Institution in, int64_t version) {
  ANPEI_RETURN_IF_ERROR(NeedRole(actor, kAdministrators));
  return InTx<domain::Institution>(
      ctx, TxMode::kWrite, [&](ports::StoreTx& tx, domain::Institution& out) {
        ANPEI_ASSIGN_OR_RETURN(auto current, tx.registry().GetInstitution(id));
        bool legacy = false;
        ANPEI_RETURN_IF_ERROR(CheckInstitutionFields(ctx, tx, in, legacy));
        in.id = id;
        in.blacklisted_at = current.blacklisted_at;  // only the blacklist use case changes it
        // A legacy code keeps the city bureau's decision while it stays the same code.
        const bool same_legacy = legacy && in.uscc == current.uscc;
        in.uscc_status = !legacy       ? domain::UsccStatus::kValid
                         : same_legacy ? current.uscc_status
                                       : domain::UsccStatus::kPending;
        in.uscc_note = same_legacy ? current.uscc_note : "";
        in.updated_at = ctx.NowText();
        Status u = tx.registry().UpdateInstitution(in, version);
        if (!u.ok()) {
          return UniqueConflict(u, "uscc", "统一社会信用代码 " + in.uscc + " 已被其他机构登记");
        }
        ANPEI_ASSIGN_OR_RETURN(auto r, tx.registry().GetInstitution(id));
        ANPEI_RETURN_IF_ERROR(Audit(ctx, tx, actor, "institution.update",
                                    "institution:" + std::to_string(id), Canon(current), Canon(r),
                                    same_legacy ? "" : LegacyNote(r), Changes(ctx, current, r)));
        out = std::move(r);
        return Status::Ok();
      });
}

Result<domain::Institution> DecideLegacyUscc(const AppContext& ctx, const Actor& actor, int64_t id,
                                             const UsccDecision& decision) {
  ANPEI_RETURN_IF_ERROR(NeedRole(actor, kAdministrators));
  const bool confirm = decision.decision == "confirm";
  if (!confirm && decision.decision != "refuse") {
    return Status::Invalid(
        "decision",
        "decision 应为 confirm（确认）或 refuse（不予确认），收到「" + decision.decision + "」");
  }
  std::string reason = decision.reason;
  ANPEI_RETURN_IF_ERROR(CheckText(ctx, reason, "reason", "理由", 500, !confirm));
  return InTx<domain::Institution>(
      ctx, TxMode::kWrite, [&](ports::StoreTx& tx, domain::Institution& out) {
        ANPEI_ASSIGN_OR_RETURN(auto current, tx.registry().GetInstitution(id));
        if (current.uscc_status == domain::UsccStatus::kValid) {
          return Status(Code::kConflict,
                        "培训机构「" + current.name + "」的统一社会信用代码校验通过，无需确认",
                        "uscc_status")
              .WithReason("institution.uscc_not_held");
        }
        if (current.version != decision.version) {
          return Status(Code::kConflict,
                        "培训机构已被他人修改（您提交的版本 " + std::to_string(decision.version) +
                            "，当前版本 " + std::to_string(current.version) + "），请刷新后再试",
                        "version")
              .WithReason("version.stale");
        }
        domain::Institution next = current;
        next.uscc_status = confirm ? domain::UsccStatus::kConfirmed : domain::UsccStatus::kRefused;
        next.uscc_note = reason;
        next.updated_at = ctx.NowText();
        ANPEI_RETURN_IF_ERROR(tx.registry().UpdateInstitution(next, decision.version));
        ANPEI_ASSIGN_OR_RETURN(auto r, tx.registry().GetInstitution(id));
        ANPEI_RETURN_IF_ERROR(
            Audit(ctx, tx, actor, confirm ? "institution.uscc_confirm" : "institution.uscc_refuse",
                  "institution:" + std::to_string(id), Canon(current), Canon(r),
                  (confirm ? "确认旧统一社会信用代码 " : "不予确认统一社会信用代码 ") + r.uscc +
                      (reason.empty() ? "" : "：" + reason),
                  Changes(ctx, current, r)));
        out = std::move(r);
        return Status::Ok();
      });
}

// ---- teachers ----

Result<ports::PageOf<domain::Teacher>> ListTeachers(const AppContext& ctx, const Actor& actor,
                                                    const ports::TeacherFilter& filter,
                                                    ports::Page page) {
  return InTx<ports::PageOf<domain::Teacher>>(
      ctx, TxMode::kRead, [&](ports::StoreTx& tx, ports::PageOf<domain::Teacher>& out) {
        ANPEI_ASSIGN_OR_RETURN(out, ListTeachersIn(ctx, tx, actor, filter, page));
        return Status::Ok();
      });
}

Result<ports::PageOf<domain::Teacher>> ListTeachersIn(const AppContext& /*ctx*/, ports::StoreTx& tx,
                                                      const Actor& actor,
                                                      const ports::TeacherFilter& filter,
                                                      ports::Page page) {
  ANPEI_RETURN_IF_ERROR(NeedRole(actor, kRegistryReaders));
  ports::TeacherFilter scoped = filter;
  NarrowToScope(actor, scoped.institution_id, scoped.district_code);
  return tx.registry().ListTeachers(scoped, page);
}

Result<domain::Teacher> GetTeacher(const AppContext& ctx, const Actor& actor, int64_t id) {
  ANPEI_RETURN_IF_ERROR(NeedRole(actor, kPersonalDataReaders));
  return InTx<domain::Teacher>(ctx, TxMode::kWrite, [&](ports::StoreTx& tx, domain::Teacher& out) {
    ANPEI_ASSIGN_OR_RETURN(auto r, tx.registry().GetTeacher(id));
    ANPEI_RETURN_IF_ERROR(TeacherInScope(tx, actor, r));
    ANPEI_RETURN_IF_ERROR(Audit(ctx, tx, actor, "teacher.reveal", "teacher:" + std::to_string(id),
                                "", "", "查看完整身份证件号码"));
    out = std::move(r);
    return Status::Ok();
  });
}

namespace {
Status CheckTeacherFields(const AppContext& ctx, domain::Teacher& t) {
  ANPEI_RETURN_IF_ERROR(CheckText(ctx, t.name, "name", "教师姓名", 50, true));
  ANPEI_RETURN_IF_ERROR(CheckPersonIdField(ctx, t.id_number, "id_number"));
  return CheckText(ctx, t.qualification, "qualification", "资质", 200, false);
}
}  // namespace

Result<domain::Teacher> CreateTeacher(const AppContext& ctx, const Actor& actor,
                                      domain::Teacher in) {
  ANPEI_RETURN_IF_ERROR(NeedRole(actor, kRegistryEditors));
  if (!SeesAll(actor) && actor.institution_id != in.institution_id) {
    return Status(Code::kPermissionDenied, "只能为本机构登记教师", "institution_id");
  }
  ANPEI_RETURN_IF_ERROR(CheckTeacherFields(ctx, in));
  return InTx<domain::Teacher>(ctx, TxMode::kWrite, [&](ports::StoreTx& tx, domain::Teacher& out) {
    auto inst = tx.registry().GetInstitution(in.institution_id);
    if (!inst.ok()) {
      if (inst.status().code() == Code::kNotFound) {
        return Status::Invalid("institution_id",
                               "培训机构 " + std::to_string(in.institution_id) + " 不存在");
      }
      return inst.status();
    }
    in.created_at = ctx.NowText();
    auto id = tx.registry().InsertTeacher(in);
    if (!id.ok()) {
      return UniqueConflict(id.status(), "id_number", "该身份证件号码的教师已在本机构登记");
    }
    ANPEI_ASSIGN_OR_RETURN(auto r, tx.registry().GetTeacher(*id));
    ANPEI_RETURN_IF_ERROR(Audit(ctx, tx, actor, "teacher.create", "teacher:" + std::to_string(*id),
                                "", Canon(r), "", Created(ctx, r)));
    out = std::move(r);
    return Status::Ok();
  });
}

Result<domain::Teacher> UpdateTeacher(const AppContext& ctx, const Actor& actor, int64_t id,
                                      domain::Teacher in, int64_t version) {
  ANPEI_RETURN_IF_ERROR(NeedRole(actor, kRegistryEditors));
  return InTx<domain::Teacher>(ctx, TxMode::kWrite, [&](ports::StoreTx& tx, domain::Teacher& out) {
    ANPEI_ASSIGN_OR_RETURN(auto current, tx.registry().GetTeacher(id));
    ANPEI_RETURN_IF_ERROR(TeacherInScope(tx, actor, current));
    ANPEI_RETURN_IF_ERROR(CheckTeacherFields(ctx, in));
    in.id = id;
    in.institution_id = current.institution_id;
    Status u = tx.registry().UpdateTeacher(in, version);
    if (!u.ok()) return UniqueConflict(u, "id_number", "该身份证件号码的教师已在本机构登记");
    ANPEI_ASSIGN_OR_RETURN(auto r, tx.registry().GetTeacher(id));
    ANPEI_RETURN_IF_ERROR(Audit(ctx, tx, actor, "teacher.update", "teacher:" + std::to_string(id),
                                Canon(current), Canon(r), "", Changes(ctx, current, r)));
    out = std::move(r);
    return Status::Ok();
  });
}

// ---- trainees ----

Result<ports::PageOf<domain::Trainee>> ListTrainees(const AppContext& ctx, const Actor& actor,
                                                    const ports::TraineeFilter& filter,
                                                    ports::Page page) {
  return InTx<ports::PageOf<domain::Trainee>>(
      ctx, TxMode::kRead, [&](ports::StoreTx& tx, ports::PageOf<domain::Trainee>& out) {
        ANPEI_ASSIGN_OR_RETURN(out, ListTraineesIn(ctx, tx, actor, filter, page));
        return Status::Ok();
      });
}

Result<ports::PageOf<domain::Trainee>> ListTraineesIn(const AppContext& ctx, ports::StoreTx& tx,
                                                      const Actor& actor,
                                                      const ports::TraineeFilter& filter,
                                                      ports::Page page) {
  ANPEI_RETURN_IF_ERROR(NeedRole(actor, kRegistryReaders));
  ports::TraineeFilter scoped = filter;
  NarrowToScope(actor, scoped.institution_id, scoped.district_code);
  if (scoped.q) {
    // A whole ID number is looked up by its blind index alone (an index lookup); anything else
    // is a substring of the name. Both normalised as stored (full-width digits, spaces...).
    const std::string q = ctx.text->Identifier(*scoped.q);
    if (LooksLikeWholeIdNumber(q)) {
      scoped.id_number = domain::CanonicalPersonId(q);
      scoped.q.reset();
    } else {
      scoped.q = ctx.text->Text(*scoped.q);
    }
  }
  ANPEI_ASSIGN_OR_RETURN(auto out, tx.registry().ListTrainees(scoped, page));
  // An institution lists its own records of people: their names in full; others masked.
  const int64_t owner = scoped.institution_id.value_or(0);
  for (auto& t : out.items) t.name = NameFor(actor, owner, t.name);
  return out;
}

Result<domain::Trainee> GetTrainee(const AppContext& ctx, const Actor& actor, int64_t id) {
  ANPEI_RETURN_IF_ERROR(NeedRole(actor, kPersonalDataReaders));
  return InTx<domain::Trainee>(ctx, TxMode::kWrite, [&](ports::StoreTx& tx, domain::Trainee& out) {
    ANPEI_RETURN_IF_ERROR(TraineeInScope(tx, actor, id));
    ANPEI_ASSIGN_OR_RETURN(auto r, tx.registry().GetTrainee(id));
    if (ForInstitution(actor)) {
      ANPEI_ASSIGN_OR_RETURN(auto record,
                             tx.enrolments().GetEnrolment(actor.institution_id.value_or(-1), id));
      if (record) r = OwnView(std::move(r), *record);
    }
    ANPEI_RETURN_IF_ERROR(Audit(ctx, tx, actor, "trainee.reveal", "trainee:" + std::to_string(id),
                                "", "", "查看完整身份证件号码和手机号"));
    out = std::move(r);
    return Status::Ok();
  });
}

namespace {

// An institution registers a person into its own records by identity: the same answer whether the
// person was known before or not, under this name or another (a differing name is also a held
// enrolment, which only a reviewer sees).
Status EnrolOwn(const AppContext& ctx, ports::StoreTx& tx, const Actor& actor,
                const domain::Trainee& in, TraineeOutcome& out) {
  const int64_t inst = actor.institution_id.value_or(-1);
  ANPEI_ASSIGN_OR_RETURN(auto resolved, ResolveIdentity(ctx, tx, inst, in));
  if (resolved.mismatch) {
    ANPEI_RETURN_IF_ERROR(
        FileHeld(ctx, tx, actor, inst, std::nullopt, resolved.trainee_id, in).status());
  }
  ANPEI_ASSIGN_OR_RETURN(auto person, tx.registry().GetTrainee(resolved.trainee_id));
  ANPEI_ASSIGN_OR_RETURN(auto record, tx.enrolments().GetEnrolment(inst, resolved.trainee_id));
  if (!record) return Status::Internal("报名记录未写入");
  out.trainee = OwnView(std::move(person), *record);
  return Audit(ctx, tx, actor, "trainee.enrol", "trainee:" + std::to_string(resolved.trainee_id),
               "", Canon(*record), "本机构登记学员", Created(ctx, *record));
}

// An institution edits its own record; a name that differs from the person's is kept on the
// record as it gave it and goes to a reviewer (a held enrolment) like one given when enrolling.
Status EditOwn(const AppContext& ctx, ports::StoreTx& tx, const Actor& actor, int64_t id,
               const domain::Trainee& in, int64_t version, TraineeOutcome& out) {
  const int64_t inst = actor.institution_id.value_or(-1);
  ANPEI_ASSIGN_OR_RETURN(auto record, tx.enrolments().GetEnrolment(inst, id));
  if (!record) return Hidden("学员", id);
  ANPEI_ASSIGN_OR_RETURN(auto person, tx.registry().GetTrainee(id));
  if (in.id_number != person.id_number) {
    return Status::Invalid("id_number",
                           "身份证件号码是人员的身份标识，培训机构不能修改；如登记有误，请用正确的"
                           "身份证件号码为其报名，或联系审核员")
        .WithReason("trainee.identity_locked");
  }
  if (record->version != version) {
    return Status(Code::kConflict,
                  "学员信息已被他人修改（您提交的版本 " + std::to_string(version) + "，当前版本 " +
                      std::to_string(record->version) + "），请刷新后再改",
                  "version")
        .WithReason("version.stale");
  }
  domain::Enrolment next = *record;
  next.phone = in.phone;
  next.group = in.group;
  next.given_name = in.name == person.name ? std::string() : in.name;
  if (next.given_name.empty()) next.unconfirmed = false;
  next.updated_at = ctx.NowText();
  ANPEI_RETURN_IF_ERROR(tx.enrolments().UpdateEnrolment(next, version));
  ANPEI_ASSIGN_OR_RETURN(auto after, tx.enrolments().GetEnrolment(inst, id));
  ANPEI_RETURN_IF_ERROR(Audit(ctx, tx, actor, "trainee.update", "trainee:" + std::to_string(id),
                              Canon(*record), Canon(*after), "本机构的学员记录",
                              Changes(ctx, *record, *after)));
  if (!next.given_name.empty() && next.given_name != record->given_name) {
    ANPEI_RETURN_IF_ERROR(FileHeld(ctx, tx, actor, inst, std::nullopt, id, in).status());
  }
  out.trainee = OwnView(std::move(person), *after);
  return Status::Ok();
}

}  // namespace

Result<TraineeOutcome> CreateTrainee(const AppContext& ctx, const Actor& actor,
                                     domain::Trainee in) {
  ANPEI_RETURN_IF_ERROR(NeedRole(actor, kRegistryEditors));
  ANPEI_RETURN_IF_ERROR(CheckTraineeFields(ctx, in, ""));
  return InTx<TraineeOutcome>(ctx, TxMode::kWrite, [&](ports::StoreTx& tx, TraineeOutcome& out) {
    if (ForInstitution(actor)) return EnrolOwn(ctx, tx, actor, in, out);
    in.created_at = ctx.NowText();
    auto id = tx.registry().InsertTrainee(in);
    if (!id.ok()) return UniqueConflict(id.status(), "id_number", "该身份证件号码的学员已登记");
    ANPEI_ASSIGN_OR_RETURN(auto r, tx.registry().GetTrainee(*id));
    ANPEI_RETURN_IF_ERROR(Audit(ctx, tx, actor, "trainee.create", "trainee:" + std::to_string(*id),
                                "", Canon(r), "", Created(ctx, r)));
    out.trainee = std::move(r);
    return Status::Ok();
  });
}

Result<TraineeOutcome> UpdateTrainee(const AppContext& ctx, const Actor& actor, int64_t id,
                                     domain::Trainee in, int64_t version) {
  ANPEI_RETURN_IF_ERROR(NeedRole(actor, kRegistryEditors));
  ANPEI_RETURN_IF_ERROR(CheckTraineeFields(ctx, in, ""));
  return InTx<TraineeOutcome>(ctx, TxMode::kWrite, [&](ports::StoreTx& tx, TraineeOutcome& out) {
    if (ForInstitution(actor)) return EditOwn(ctx, tx, actor, id, in, version, out);
    in.id = id;
    ANPEI_ASSIGN_OR_RETURN(auto current, tx.registry().GetTrainee(id));
    Status u = tx.registry().UpdateTrainee(in, version);
    if (!u.ok()) return UniqueConflict(u, "id_number", "该身份证件号码的学员已登记");
    ANPEI_ASSIGN_OR_RETURN(auto r, tx.registry().GetTrainee(id));
    ANPEI_RETURN_IF_ERROR(Audit(ctx, tx, actor, "trainee.update", "trainee:" + std::to_string(id),
                                Canon(current), Canon(r), "", Changes(ctx, current, r)));
    out.trainee = std::move(r);
    return Status::Ok();
  });
}

}  // namespace anpei::app
