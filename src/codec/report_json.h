// JSON of reports (app/reports.h; docs/openapi.yaml "Report").
#pragma once

#include <string>

#include "domain/report.h"

namespace anpei::codec {

// {"by","by_name","from","to","measures":[{"id","name"}],"rows":[{"key","label","trainees",
//  "certified","paid","paid_yuan","clawback_due_yuan","clawback_recovered_yuan",
//  "clawback_outstanding_yuan"}],"total":{…}}
std::string ReportToJson(const domain::Report& report);

}  // namespace anpei::codec
