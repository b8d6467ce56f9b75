// The route of the work queues (issue 11, Deliver 1): each role's to-dos for its home page.
#include <charconv>

#include "app/work_queue.h"
#include "codec/work_queue_json.h"
#include "http/api.h"
#include "http/auth.h"

namespace anpei::http {
namespace {

constexpr int64_t kDefaultItems = 10;

Result<int64_t> LimitOf(const HttpRequest& req) {
  auto it = req.query.find("limit");
  if (it == req.query.end() || it->second.empty()) return kDefaultItems;
  int64_t v = 0;
  auto [end, ec] = std::from_chars(it->second.data(), it->second.data() + it->second.size(), v);
  if (ec != std::errc() || end != it->second.data() + it->second.size() || v < 1 || v > 100) {
    return Status::Invalid(
        "limit", "limit 应为 1 到 100 之间的整数，收到「" + it->second.substr(0, 20) + "」");
  }
  return v;
}

}  // namespace

void RegisterWorkQueueApi(Router& router, const std::shared_ptr<const app::AppContext>& app) {
  router.Add("GET", "/api/v1/work-queue", "getWorkQueue", [app](const HttpRequest& req) {
    ANPEI_ASSIGN_OR_REPLY(const app::Actor actor, RequestActor(*app, req));
    ANPEI_ASSIGN_OR_REPLY(auto limit, LimitOf(req));
    ANPEI_ASSIGN_OR_REPLY(auto queues, app::WorkQueuesFor(*app, actor, limit));
    return JsonResponse(200, codec::WorkQueuesToJson(queues));
  });
}

}  // namespace anpei::http
