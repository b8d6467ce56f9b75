// JSON mapping of the work queues (docs/openapi.yaml, WorkQueues; app/work_queue.h).
#pragma once

#include <string>
#include <vector>

#include "app/work_queue.h"

namespace anpei::codec {

// {"queues":[{"id","title","count","count_exact","items":[{"kind","id","title","detail","since",
// "waiting_days","link"}]}]}
std::string WorkQueuesToJson(const std::vector<app::WorkQueue>& queues);

}  // namespace anpei::codec
