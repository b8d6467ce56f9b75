#include "app/spot_checks.h"

#include <algorithm>
#include <map>

#include "app/audit_log.h"
#include "app/authorize.h"
#include "domain/text.h"

namespace anpei::app {
namespace {

using ports::TxMode;

constexpr int64_t kMaxPhotoBytes = 5 * 1024 * 1024;
// A visit may be recorded a little ahead of the server's clock (a phone's clock runs fast), not
// more.
constexpr int64_t kFutureToleranceS = 10 * 60;

// The district a police actor is limited to: nullopt for the city bureau (and the operator's
// tools). 401/403 for everyone else.
Result<std::optional<std::string>> PoliceLimit(const Actor& actor) {
  ANPEI_RETURN_IF_ERROR(NeedRole(actor, kSpotCheckers));
  if (actor.Has(domain::kRolePoliceAdmin) || actor.Has(domain::kRoleSystem)) {
    return std::optional<std::string>();
  }
  if (!actor.district_code) {
    return Status(Code::kPermissionDenied, "该审核账号未绑定辖区").WithReason("role.required");
  }
  return std::optional<std::string>(*actor.district_code);
}

bool Within(const std::optional<std::string>& limit, std::string_view district) {
  return !limit || *limit == district;
}

// The class as a police actor in `limit` may see it, or the 404 of a missing one.
Result<domain::ClassBrief> ClassFor(ports::StoreTx& tx, const std::optional<std::string>& limit,
                                    int64_t class_id) {
  ANPEI_ASSIGN_OR_RETURN(auto briefs, tx.spot_checks().Briefs({class_id}));
  if (briefs.empty() || !Within(limit, briefs.front().district_code)) {
    return Hidden("培训班", class_id);
  }
  return briefs.front();
}

Result<DrawView> ViewOf(ports::StoreTx& tx, domain::SpotCheckDraw draw) {
  DrawView out;
  ANPEI_ASSIGN_OR_RETURN(auto briefs, tx.spot_checks().Briefs(draw.class_ids));
  std::map<int64_t, domain::ClassBrief> by_id;
  for (auto& b : briefs) by_id[b.id] = std::move(b);
  for (int64_t id : draw.class_ids) {
    if (auto it = by_id.find(id); it != by_id.end()) out.classes.push_back(it->second);
  }
  out.draw = std::move(draw);
  return out;
}

// The draw's scope is its district; a city-wide draw is the city bureau's.
bool DrawVisible(const std::optional<std::string>& limit, const domain::SpotCheckDraw& d) {
  return !limit || (d.district_code && *d.district_code == *limit);
}

Status CheckDrawFilters(ports::StoreTx& tx, const std::optional<std::string>& limit,
                        const DrawRequest& r) {
  if (r.district_code) {
    auto d = tx.registry().GetDistrict(*r.district_code);
    if (!Within(limit, *r.district_code) || (!d.ok() && d.status().code() == Code::kNotFound)) {
      return Status(Code::kNotFound, "辖区「" + *r.district_code + "」不存在", "district_code")
          .WithReason("id.not_found");
    }
    ANPEI_RETURN_IF_ERROR(d.status());
  }
  if (r.institution_id) {
    auto i = tx.registry().GetInstitution(*r.institution_id);
    if (!i.ok() && i.status().code() != Code::kNotFound) return i.status();
    if (!i.ok() || !Within(limit, i->district_code) ||
        (r.district_code && i->district_code != *r.district_code)) {
      return Status(Code::kNotFound, "培训机构 " + std::to_string(*r.institution_id) + " 不存在",
                    "institution_id")
          .WithReason("id.not_found");
    }
  }
  return Status::Ok();
}

}  // namespace

Result<DrawView> DrawSpotCheck(const AppContext& ctx, const Actor& actor, DrawRequest request) {
  ANPEI_ASSIGN_OR_RETURN(auto limit, PoliceLimit(actor));
  ANPEI_RETURN_IF_ERROR(domain::CheckDrawCount(request.count));
  domain::SpotCheckDraw draw;
  if (request.seed) {
    ANPEI_RETURN_IF_ERROR(domain::CheckSeed(*request.seed));
    draw.seed = *request.seed;
    draw.seed_source = "given";
  } else {
    draw.seed = ctx.vault->NewToken();  // 256 random bits, URL-safe text
    draw.seed_source = "server";
  }
  if (request.occupation && (request.occupation->empty() || request.occupation->size() > 64)) {
    return Status::Invalid("occupation", "职业（工种）代码无效");
  }
  if (!request.district_code) request.district_code = limit;
  return InTx<DrawView>(ctx, TxMode::kWrite, [&](ports::StoreTx& tx, DrawView& out) {
    ANPEI_RETURN_IF_ERROR(CheckDrawFilters(tx, limit, request));
    draw.district_code = request.district_code;
    draw.occupation = request.occupation;
    draw.institution_id = request.institution_id;
    draw.count = request.count;
    draw.on_date = ctx.Today().ToString();
    ANPEI_ASSIGN_OR_RETURN(draw.candidates,
                           tx.spot_checks().ClassesInTraining({draw.district_code, draw.occupation,
                                                               draw.institution_id, draw.on_date}));
    draw.class_ids =
        domain::DrawClasses(draw.candidates, draw.count, draw.seed,
                            [&](std::string_view text) { return ctx.vault->PublicSha256(text); });
    draw.drawn_by = actor.user_id;
    draw.drawn_by_name = actor.user;
    draw.drawn_at = ctx.NowText();
    ANPEI_ASSIGN_OR_RETURN(draw.id, tx.spot_checks().InsertDraw(draw));
    ANPEI_RETURN_IF_ERROR(
        Audit(ctx, tx, actor, "spot_check.draw", "spot_check_draw:" + std::to_string(draw.id), "",
              draw.seed + "|" + std::to_string(draw.candidates.size()),
              "抽取 " + std::to_string(draw.class_ids.size()) + " 个（共 " +
                  std::to_string(draw.candidates.size()) + " 个在训培训班），辖区 " +
                  draw.district_code.value_or("全市") + "，种子" +
                  (draw.seed_source == "server" ? "由系统生成" : "由抽查人给出")));
    ANPEI_ASSIGN_OR_RETURN(out, ViewOf(tx, draw));
    return Status::Ok();
  });
}

Result<ports::PageOf<DrawView>> ListDraws(const AppContext& ctx, const Actor& actor,
                                          ports::Page page) {
  ANPEI_ASSIGN_OR_RETURN(auto limit, PoliceLimit(actor));
  return InTx<ports::PageOf<DrawView>>(
      ctx, TxMode::kRead, [&](ports::StoreTx& tx, ports::PageOf<DrawView>& out) {
        ANPEI_ASSIGN_OR_RETURN(auto draws, tx.spot_checks().ListDraws(limit, page));
        out.total = draws.total;
        out.total_exact = draws.total_exact;
        out.page = draws.page;
        out.next = draws.next;
        for (auto& d : draws.items) {
          ANPEI_ASSIGN_OR_RETURN(auto view, ViewOf(tx, std::move(d)));
          out.items.push_back(std::move(view));
        }
        return Status::Ok();
      });
}

Result<DrawView> GetDraw(const AppContext& ctx, const Actor& actor, int64_t id) {
  ANPEI_ASSIGN_OR_RETURN(auto limit, PoliceLimit(actor));
  return InTx<DrawView>(ctx, TxMode::kRead, [&](ports::StoreTx& tx, DrawView& out) {
    auto draw = tx.spot_checks().GetDraw(id);
    if (!draw.ok() && draw.status().code() != Code::kNotFound) return draw.status();
    if (!draw.ok() || !DrawVisible(limit, *draw)) return Hidden("抽查记录", id);
    ANPEI_ASSIGN_OR_RETURN(out, ViewOf(tx, std::move(*draw)));
    return Status::Ok();
  });
}

Result<domain::SpotCheckVisit> RecordVisit(const AppContext& ctx, const Actor& actor,
                                           int64_t class_id, VisitInput input) {
  ANPEI_ASSIGN_OR_RETURN(auto limit, PoliceLimit(actor));
  domain::SpotCheckVisit visit;
  visit.class_id = class_id;
  visit.draw_id = input.draw_id;
  ANPEI_ASSIGN_OR_RETURN(auto at, domain::ParseTimestamp(input.visited_at, "visited_at"));
  if (at.unix_seconds > ctx.Now().unix_seconds + kFutureToleranceS) {
    return Status::Invalid("visited_at", "检查时间不能晚于现在");
  }
  visit.visited_at = domain::FormatTimestamp(at, ctx.LocalOffset());
  for (const auto& name : input.inspectors) visit.inspectors.push_back(ctx.text->Text(name));
  visit.present = input.present;
  visit.expected = input.expected;
  visit.findings = ctx.text->Text(input.findings);
  ANPEI_RETURN_IF_ERROR(domain::CheckVisit(visit, input.open_case));
  return InTx<domain::SpotCheckVisit>(
      ctx, TxMode::kWrite, [&](ports::StoreTx& tx, domain::SpotCheckVisit& out) {
        ANPEI_ASSIGN_OR_RETURN(auto cls, ClassFor(tx, limit, class_id));
        if (cls.state < domain::ClassState::kApproved) {
          return Status(Code::kConflict,
                        "只能检查已批准的培训班；该班当前状态：" +
                            std::string(domain::ClassStateName(cls.state)),
                        "state")
              .WithReason("spot_check.not_approved");
        }
        if (visit.draw_id) {
          auto draw = tx.spot_checks().GetDraw(*visit.draw_id);
          if (!draw.ok() && draw.status().code() != Code::kNotFound) return draw.status();
          if (!draw.ok() || !DrawVisible(limit, *draw)) {
            return Status(Code::kNotFound, "抽查记录 " + std::to_string(*visit.draw_id) + " 不存在",
                          "draw_id")
                .WithReason("id.not_found");
          }
          if (std::find(draw->class_ids.begin(), draw->class_ids.end(), class_id) ==
              draw->class_ids.end()) {
            return Status::Invalid("draw_id", "该培训班不在这次抽查抽中的名单里");
          }
        }
        visit.recorded_by_id = actor.user_id;
        visit.recorded_by = actor.user;
        visit.recorded_at = ctx.NowText();
        ANPEI_ASSIGN_OR_RETURN(visit.id, tx.spot_checks().InsertVisit(visit));
        const std::string target = "spot_check:" + std::to_string(visit.id);
        ANPEI_RETURN_IF_ERROR(Audit(
            ctx, tx, actor, "spot_check.visit", target, "", visit.visited_at + "|" + visit.findings,
            "培训班 " + std::to_string(class_id) + "，实到 " + std::to_string(visit.present) +
                " / 应到 " + std::to_string(visit.expected)));
        if (input.open_case) {
          domain::CaseRecord c;
          c.class_id = class_id;
          c.source = "spot_check";
          c.source_id = visit.id;
          c.summary = domain::CaseSummary(visit.findings);
          c.opened_by = actor.user;
          c.opened_at = visit.recorded_at;
          ANPEI_ASSIGN_OR_RETURN(c.id, tx.spot_checks().InsertCase(c));
          visit.case_id = c.id;
          ANPEI_RETURN_IF_ERROR(Audit(ctx, tx, actor, "case.open", "case:" + std::to_string(c.id),
                                      "", c.summary,
                                      "由现场检查 " + std::to_string(visit.id) + " 立案，培训班 " +
                                          std::to_string(class_id)));
        }
        out = visit;
        return Status::Ok();
      });
}

Result<std::vector<domain::SpotCheckVisit>> ListVisits(const AppContext& ctx, const Actor& actor,
                                                       int64_t class_id) {
  ANPEI_RETURN_IF_ERROR(NeedRole(actor, kVisitReaders));
  const bool police = actor.Has(domain::kRoleReviewer) || actor.Has(domain::kRolePoliceAdmin) ||
                      actor.Has(domain::kRoleSystem);
  using Visits = std::vector<domain::SpotCheckVisit>;
  return InTx<Visits>(ctx, TxMode::kRead, [&](ports::StoreTx& tx, Visits& out) {
    ANPEI_ASSIGN_OR_RETURN(auto briefs, tx.spot_checks().Briefs({class_id}));
    if (briefs.empty()) return Hidden("培训班", class_id);
    const auto& cls = briefs.front();
    bool sees = actor.Has(domain::kRoleHrss) || actor.Has(domain::kRoleAuditor);
    if (police && !sees) {
      auto limit = PoliceLimit(actor);
      sees = limit.ok() && Within(*limit, cls.district_code);
    }
    const bool own =
        actor.Has(domain::kRoleInstitution) && actor.institution_id == cls.institution_id;
    if (!sees && !own) return Hidden("培训班", class_id);
    ANPEI_ASSIGN_OR_RETURN(out, tx.spot_checks().ListVisits(class_id));
    if (!sees) {
      for (auto& v : out) {
        v.draw_id.reset();  // draws are the police's
        v.case_id.reset();  // and so are cases (the fraud process)
      }
    }
    return Status::Ok();
  });
}

ports::BlobRules SpotCheckPhotoRules() {
  return {"spot_check_photo", kMaxPhotoBytes, {"image/jpeg", "image/png"}};
}

namespace {

// The visit as a police actor may see it (its class in scope), or the 404 of a missing one.
Status TooManyPhotos() {
  return Status(Code::kFailedPrecondition,
                "每次检查最多 " + std::to_string(domain::kMaxPhotosPerVisit) + " 张照片", "file")
      .WithReason("spot_check.too_many_photos");
}

Result<domain::SpotCheckVisit> VisitFor(ports::StoreTx& tx, const std::optional<std::string>& limit,
                                        int64_t visit_id) {
  auto visit = tx.spot_checks().GetVisit(visit_id);
  if (!visit.ok() && visit.status().code() != Code::kNotFound) return visit.status();
  if (!visit.ok()) return Hidden("现场检查记录", visit_id);
  auto cls = ClassFor(tx, limit, visit->class_id);
  if (!cls.ok()) return Hidden("现场检查记录", visit_id);
  return visit;
}

}  // namespace

Status CheckPhotoUpload(const AppContext& ctx, const Actor& actor, int64_t visit_id) {
  ANPEI_ASSIGN_OR_RETURN(auto limit, PoliceLimit(actor));
  return ctx.store->Run(TxMode::kRead, [&](ports::StoreTx& tx) {
    ANPEI_ASSIGN_OR_RETURN(auto visit, VisitFor(tx, limit, visit_id));
    if (visit.photo_count >= domain::kMaxPhotosPerVisit) return TooManyPhotos();
    return Status::Ok();
  });
}

Result<domain::SpotCheckPhoto> AddVisitPhoto(const AppContext& ctx, const Actor& actor,
                                             int64_t visit_id, std::string_view bytes,
                                             std::string file_name) {
  ANPEI_ASSIGN_OR_RETURN(auto limit, PoliceLimit(actor));
  if (!ctx.blobs) return Status(Code::kUnavailable, "文件存储未配置（--blob-dir）");
  file_name = domain::PrintableText(ctx.text->Text(file_name));
  if (domain::Utf8Length(file_name) > 200) file_name = "photo";
  // Authorise before storing anything: an outsider must not be able to fill the disk.
  ANPEI_RETURN_IF_ERROR(CheckPhotoUpload(ctx, actor, visit_id));
  ANPEI_ASSIGN_OR_RETURN(auto blob, ports::PutBlob(*ctx.blobs, SpotCheckPhotoRules(), bytes));
  return InTx<domain::SpotCheckPhoto>(
      ctx, TxMode::kWrite, [&](ports::StoreTx& tx, domain::SpotCheckPhoto& out) {
        ANPEI_ASSIGN_OR_RETURN(auto visit, VisitFor(tx, limit, visit_id));
        if (visit.photo_count >= domain::kMaxPhotosPerVisit) return TooManyPhotos();
        domain::SpotCheckPhoto p;
        p.spot_check_id = visit_id;
        p.sha256 = blob.sha256;
        p.size = blob.size;
        p.mime = blob.mime;
        p.file_name = file_name;
        p.uploaded_by = actor.user;
        p.uploaded_at = ctx.NowText();
        ANPEI_ASSIGN_OR_RETURN(p.n, tx.spot_checks().InsertPhoto(p));
        ANPEI_RETURN_IF_ERROR(Audit(ctx, tx, actor, "spot_check.photo",
                                    "spot_check:" + std::to_string(visit_id), "", p.sha256,
                                    "照片 " + std::to_string(p.n) + "（" + p.mime + "，" +
                                        std::to_string(p.size) + " 字节，SHA-256 " + p.sha256 +
                                        "）"));
        out = std::move(p);
        return Status::Ok();
      });
}

Result<std::vector<domain::SpotCheckPhoto>> ListVisitPhotos(const AppContext& ctx,
                                                            const Actor& actor, int64_t visit_id) {
  ANPEI_ASSIGN_OR_RETURN(auto limit, PoliceLimit(actor));
  using Photos = std::vector<domain::SpotCheckPhoto>;
  return InTx<Photos>(ctx, TxMode::kRead, [&](ports::StoreTx& tx, Photos& out) {
    ANPEI_RETURN_IF_ERROR(VisitFor(tx, limit, visit_id).status());
    ANPEI_ASSIGN_OR_RETURN(out, tx.spot_checks().ListPhotos(visit_id));
    return Status::Ok();
  });
}

Result<PhotoFile> GetVisitPhoto(const AppContext& ctx, const Actor& actor, int64_t visit_id,
                                int64_t n) {
  ANPEI_ASSIGN_OR_RETURN(auto limit, PoliceLimit(actor));
  if (!ctx.blobs) return Status(Code::kUnavailable, "文件存储未配置（--blob-dir）");
  ANPEI_ASSIGN_OR_RETURN(
      auto out, InTx<PhotoFile>(ctx, TxMode::kRead, [&](ports::StoreTx& tx, PhotoFile& file) {
        ANPEI_RETURN_IF_ERROR(VisitFor(tx, limit, visit_id).status());
        ANPEI_ASSIGN_OR_RETURN(file.photo, tx.spot_checks().GetPhoto(visit_id, n));
        return Status::Ok();
      }));
  auto bytes = ctx.blobs->Read(out.photo.sha256);
  if (!bytes.ok()) {
    if (bytes.status().code() == Code::kNotFound) {
      return Status::Internal("照片文件缺失：" + out.photo.sha256);
    }
    return bytes.status();
  }
  out.bytes = std::move(*bytes);
  return out;
}

}  // namespace anpei::app
