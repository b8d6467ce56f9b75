// Routes of the registry and class resources: parse (codec), call the use case (app), map the
// result. No business rule lives here.
#include <charconv>

#include "app/change_requests.h"
#include "app/classes.h"
#include "app/registry.h"
#include "codec/change_request_json.h"
#include "codec/enrolment_json.h"
#include "codec/model_json.h"
#include "codec/plan_json.h"
#include "http/api.h"
#include "http/auth.h"
#include "http/list_filters.h"
#include "http/path_params.h"

namespace anpei::http {
namespace {

template <typename T, typename F>
HttpResponse Reply(const Result<T>& r, int status, F&& to_json) {
  if (!r.ok()) return ErrorResponse(r.status());
  return JsonResponse(status, to_json(*r));
}

// Declares `actor`, the request's actor, or answers the authentication error.
#define ANPEI_REQUEST_ACTOR(app, req) \
  ANPEI_ASSIGN_OR_REPLY(const app::Actor actor, RequestActor(*(app), (req)))

Status NeedVersion(const std::optional<int64_t>& v) {
  if (v) return Status::Ok();
  return Status::Invalid("version", "缺少必填字段 version（您看到的版本号，防止覆盖他人的修改）");
}

// A trainee registered or edited: the same answer whether or not a differing name also went to a
// reviewer (no existence oracle).
HttpResponse TraineeReply(const Result<app::TraineeOutcome>& r, int status) {
  if (!r.ok()) return ErrorResponse(r.status());
  return JsonResponse(status, codec::TraineeToJson(r->trainee));
}

void RegisterDistricts(Router& router, const std::shared_ptr<const app::AppContext>& app,
                       const std::string& base) {
  // ---- districts ----
  router.Add("GET", base + "/districts", "listDistricts", [app](const HttpRequest& req) {
    ANPEI_REQUEST_ACTOR(app, req);
    return Reply(app::ListDistricts(*app, actor), 200, codec::DistrictsToJson);
  });
  router.Add("POST", base + "/districts", "createDistrict", [app](const HttpRequest& req) {
    ANPEI_REQUEST_ACTOR(app, req);
    ANPEI_ASSIGN_OR_REPLY(auto in, codec::ParseDistrict(req.body));
    return Reply(app::CreateDistrict(*app, actor, in), 201, codec::DistrictToJson);
  });
}

void RegisterInstitutions(Router& router, const std::shared_ptr<const app::AppContext>& app,
                          const std::string& base) {
  // ---- institutions ----
  router.Add("GET", base + "/institutions", "listInstitutions", [app](const HttpRequest& req) {
    ANPEI_REQUEST_ACTOR(app, req);
    ANPEI_ASSIGN_OR_REPLY(auto page, codec::ParsePage(req.query));
    ANPEI_ASSIGN_OR_REPLY(auto f, InstitutionFilterOf(req));
    return Reply(app::ListInstitutions(*app, actor, f, page), 200, codec::InstitutionsToJson);
  });
  router.Add("POST", base + "/institutions", "createInstitution", [app](const HttpRequest& req) {
    ANPEI_REQUEST_ACTOR(app, req);
    ANPEI_ASSIGN_OR_REPLY(auto in, codec::ParseInstitution(req.body));
    return Reply(app::CreateInstitution(*app, actor, in.value), 201, codec::InstitutionToJson);
  });
  router.Add("GET", base + "/institutions/{id}", "getInstitution", [app](const HttpRequest& req) {
    ANPEI_REQUEST_ACTOR(app, req);
    ANPEI_ASSIGN_OR_REPLY(auto id, PathId(req, "培训机构"));
    return Reply(app::GetInstitution(*app, actor, id), 200, codec::InstitutionToJson);
  });
  router.Add("PUT", base + "/institutions/{id}", "updateInstitution",
             [app](const HttpRequest& req) {
               ANPEI_REQUEST_ACTOR(app, req);
               ANPEI_ASSIGN_OR_REPLY(auto id, PathId(req, "培训机构"));
               ANPEI_ASSIGN_OR_REPLY(auto in, codec::ParseInstitution(req.body));
               if (Status st = NeedVersion(in.version); !st.ok()) return ErrorResponse(st);
               return Reply(app::UpdateInstitution(*app, actor, id, in.value, *in.version), 200,
                            codec::InstitutionToJson);
             });
}

void RegisterTeachers(Router& router, const std::shared_ptr<const app::AppContext>& app,
                      const std::string& base) {
  // ---- teachers ----
  router.Add("GET", base + "/teachers", "listTeachers", [app](const HttpRequest& req) {
    ANPEI_REQUEST_ACTOR(app, req);
    ANPEI_ASSIGN_OR_REPLY(auto page, codec::ParsePage(req.query));
    ANPEI_ASSIGN_OR_REPLY(auto f, TeacherFilterOf(req));
    return Reply(app::ListTeachers(*app, actor, f, page), 200, codec::TeachersToJson);
  });
  router.Add("POST", base + "/teachers", "createTeacher", [app](const HttpRequest& req) {
    ANPEI_REQUEST_ACTOR(app, req);
    ANPEI_ASSIGN_OR_REPLY(auto in, codec::ParseTeacher(req.body));
    if (in.value.institution_id < 1) {
      return ErrorResponse(
          Status::Invalid("institution_id", "缺少必填字段 institution_id（所属培训机构）"));
    }
    return Reply(app::CreateTeacher(*app, actor, in.value), 201, codec::TeacherToJson);
  });
  router.Add("GET", base + "/teachers/{id}", "getTeacher", [app](const HttpRequest& req) {
    ANPEI_REQUEST_ACTOR(app, req);
    ANPEI_ASSIGN_OR_REPLY(auto id, PathId(req, "教师"));
    return Reply(app::GetTeacher(*app, actor, id), 200, codec::TeacherToJson);
  });
  router.Add("PUT", base + "/teachers/{id}", "updateTeacher", [app](const HttpRequest& req) {
    ANPEI_REQUEST_ACTOR(app, req);
    ANPEI_ASSIGN_OR_REPLY(auto id, PathId(req, "教师"));
    ANPEI_ASSIGN_OR_REPLY(auto in, codec::ParseTeacher(req.body));
    if (Status st = NeedVersion(in.version); !st.ok()) return ErrorResponse(st);
    return Reply(app::UpdateTeacher(*app, actor, id, in.value, *in.version), 200,
                 codec::TeacherToJson);
  });
}

void RegisterTrainees(Router& router, const std::shared_ptr<const app::AppContext>& app,
                      const std::string& base) {
  // ---- trainees ----
  router.Add("GET", base + "/trainees", "listTrainees", [app](const HttpRequest& req) {
    ANPEI_REQUEST_ACTOR(app, req);
    ANPEI_ASSIGN_OR_REPLY(auto page, codec::ParsePage(req.query));
    ANPEI_ASSIGN_OR_REPLY(auto f, TraineeFilterOf(req));
    return Reply(app::ListTrainees(*app, actor, f, page), 200, codec::TraineesToJson);
  });
  router.Add("POST", base + "/trainees", "createTrainee", [app](const HttpRequest& req) {
    ANPEI_REQUEST_ACTOR(app, req);
    ANPEI_ASSIGN_OR_REPLY(auto in, codec::ParseTrainee(req.body));
    return TraineeReply(app::CreateTrainee(*app, actor, in.value), 201);
  });
  router.Add("GET", base + "/trainees/{id}", "getTrainee", [app](const HttpRequest& req) {
    ANPEI_REQUEST_ACTOR(app, req);
    ANPEI_ASSIGN_OR_REPLY(auto id, PathId(req, "学员"));
    return Reply(app::GetTrainee(*app, actor, id), 200, codec::TraineeToJson);
  });
  router.Add("PUT", base + "/trainees/{id}", "updateTrainee", [app](const HttpRequest& req) {
    ANPEI_REQUEST_ACTOR(app, req);
    ANPEI_ASSIGN_OR_REPLY(auto id, PathId(req, "学员"));
    ANPEI_ASSIGN_OR_REPLY(auto in, codec::ParseTrainee(req.body));
    if (Status st = NeedVersion(in.version); !st.ok()) return ErrorResponse(st);
    return TraineeReply(app::UpdateTrainee(*app, actor, id, in.value, *in.version), 200);
  });
}

void RegisterClasses(Router& router, const std::shared_ptr<const app::AppContext>& app,
                     const std::string& base) {
  // ---- classes ----
  router.Add("GET", base + "/classes", "listClasses", [app](const HttpRequest& req) {
    ANPEI_REQUEST_ACTOR(app, req);
    ANPEI_ASSIGN_OR_REPLY(auto page, codec::ParsePage(req.query));
    ANPEI_ASSIGN_OR_REPLY(auto f, ClassFilterOf(req));
    return Reply(app::ListClasses(*app, actor, f, page), 200, codec::ClassesToJson);
  });
  router.Add("POST", base + "/classes", "createClass", [app](const HttpRequest& req) {
    ANPEI_REQUEST_ACTOR(app, req);
    ANPEI_ASSIGN_OR_REPLY(auto in, codec::ParseClass(req.body));
    if (in.value.institution_id < 1) {
      return ErrorResponse(
          Status::Invalid("institution_id", "缺少必填字段 institution_id（开班的培训机构）"));
    }
    return Reply(app::CreateClass(*app, actor, in.value), 201, codec::ClassToJson);
  });
  router.Add("GET", base + "/classes/{id}", "getClass", [app](const HttpRequest& req) {
    ANPEI_REQUEST_ACTOR(app, req);
    ANPEI_ASSIGN_OR_REPLY(auto id, PathId(req, "培训班"));
    return Reply(app::GetClass(*app, actor, id), 200, codec::ClassToJson);
  });
  router.Add("PUT", base + "/classes/{id}", "updateClass", [app](const HttpRequest& req) {
    ANPEI_REQUEST_ACTOR(app, req);
    ANPEI_ASSIGN_OR_REPLY(auto id, PathId(req, "培训班"));
    ANPEI_ASSIGN_OR_REPLY(auto in, codec::ParseClass(req.body));
    if (Status st = NeedVersion(in.version); !st.ok()) return ErrorResponse(st);
    return Reply(app::UpdateClass(*app, actor, id, in.value, *in.version), 200, codec::ClassToJson);
  });
}

// The declaration workflow of a class: plan check, declare, plan versions, roster import, stats.
void RegisterClassWorkflow(Router& router, const std::shared_ptr<const app::AppContext>& app,
                           const std::string& base) {
  router.Add("GET", base + "/classes/{id}/check", "checkClassPlan", [app](const HttpRequest& req) {
    ANPEI_REQUEST_ACTOR(app, req);
    ANPEI_ASSIGN_OR_REPLY(auto id, PathId(req, "培训班"));
    return Reply(app::CheckClassPlan(*app, actor, id), 200, codec::PlanVerdictToJson);
  });
  router.Add("POST", base + "/classes/{id}/declare", "declareClass", [app](const HttpRequest& req) {
    ANPEI_REQUEST_ACTOR(app, req);
    ANPEI_ASSIGN_OR_REPLY(auto id, PathId(req, "培训班"));
    ANPEI_ASSIGN_OR_REPLY(auto version, codec::ParseVersion(req.body));
    ANPEI_ASSIGN_OR_REPLY(auto out, app::DeclareClass(*app, actor, id, version));
    if (!out.declared) {
      return JsonResponse(HttpStatusOf(Code::kFailedPrecondition),
                          codec::DeclareRefusalToJson(out.verdict));
    }
    return JsonResponse(200, codec::ClassToJson(out.cls));
  });
  router.Add("GET", base + "/classes/{id}/plan-versions", "listPlanVersions",
             [app](const HttpRequest& req) {
               ANPEI_REQUEST_ACTOR(app, req);
               ANPEI_ASSIGN_OR_REPLY(auto id, PathId(req, "培训班"));
               ANPEI_ASSIGN_OR_REPLY(auto out, app::ListPlanVersionsNamed(*app, actor, id));
               return JsonResponse(200, codec::ReadablePlanVersionsToJson(out.versions, out.names));
             });
  router.Add("GET", base + "/stats/classes", "classStats", [app](const HttpRequest& req) {
    ANPEI_REQUEST_ACTOR(app, req);
    return Reply(app::ClassStatistics(*app, actor), 200, codec::ClassStatsToJson);
  });
}

}  // namespace

void RegisterResourceApi(Router& router, std::shared_ptr<const app::AppContext> app) {
  const std::string base = "/api/v1";
  // First: ".../classes/export.xlsx" must not be taken for the class "export.xlsx".
  RegisterExportApi(router, app);  // api_exports.cc
  RegisterDistricts(router, app, base);
  RegisterInstitutions(router, app, base);
  RegisterTeachers(router, app, base);
  RegisterTrainees(router, app, base);
  RegisterClasses(router, app, base);
  RegisterClassWorkflow(router, app, base);
  RegisterRosterApi(router, app);               // api_roster.cc
  RegisterEnrolmentApi(router, app);            // api_enrolments.cc
  RegisterCalendarApi(router, app);             // api_calendar.cc
  RegisterWorkQueueApi(router, app);            // api_work_queue.cc
  RegisterReviewApi(router, app);               // api_review.cc
  RegisterChangeRequestApi(router, app);        // api_change_requests.cc
  RegisterSpotCheckApi(router, app);            // api_spot_checks.cc
  RegisterAttendanceApi(router, app);           // api_attendance.cc
  RegisterSignalApi(router, app);               // api_signals.cc
  RegisterSelfieApi(router, app);               // api_selfies.cc
  RegisterAttendanceExceptionApi(router, app);  // api_attendance_exceptions.cc
  RegisterOnlineApi(router, app);               // api_online.cc
  RegisterEvidenceApi(router, app);             // api_evidence.cc
  RegisterCompletionApi(router, app);           // api_completion.cc
  RegisterExclusionApi(router, app);            // api_exclusions.cc
  RegisterCertificateApi(router, app);          // api_certificates.cc
  RegisterFraudApi(router, app);                // api_fraud.cc
  RegisterReportApi(router, app);               // api_reports.cc
  RegisterPublicityApi(router, app);            // api_publicity.cc
  RegisterFundsApi(router, app);                // api_funds.cc
}

}  // namespace anpei::http
