#include "codec/work_queue_json.h"

#include <boost/json.hpp>

namespace anpei::codec {
namespace json = boost::json;

std::string WorkQueuesToJson(const std::vector<app::WorkQueue>& queues) {
  json::array out;
  for (const auto& q : queues) {
    json::array items;
    for (const auto& i : q.items) {
      items.push_back(json::object{{"kind", i.kind},
                                   {"id", i.id},
                                   {"title", i.title},
                                   {"detail", i.detail},
                                   {"since", i.since},
                                   {"waiting_days", i.waiting_days},
                                   {"link", i.link},
                                   {"warning", i.warning}});
    }
    out.push_back(json::object{{"id", q.id},
                               {"title", q.title},
                               {"count", q.count},
                               {"count_exact", q.count_exact},
                               {"items", std::move(items)}});
  }
  return json::serialize(json::object{{"queues", std::move(out)}});
}

}  // namespace anpei::codec
