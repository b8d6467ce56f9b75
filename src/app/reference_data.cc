#include "app/reference_data.h"

namespace anpei::app {

Result<std::shared_ptr<const ReferenceData>> ReferenceData::Load(ports::ReferenceSource& source) {
  ANPEI_ASSIGN_OR_RETURN(auto policies, source.LoadPolicies());
  ANPEI_ASSIGN_OR_RETURN(auto years, source.LoadCalendar());
  ANPEI_ASSIGN_OR_RETURN(auto calendar, domain::WorkCalendar::Build(years));

  ANPEI_ASSIGN_OR_RETURN(auto common, source.LoadCommonPasswords());

  auto data = std::make_shared<ReferenceData>();
  data->calendar_ = std::move(calendar);
  data->shipped_years_ = std::move(years);
  for (const std::string& p : common) data->common_passwords_.insert(domain::AsciiLower(p));
  for (domain::Policy& p : policies) {
    const std::string id = p.id;
    if (!data->policies_.emplace(id, std::move(p)).second) {
      return Status::Invalid("policy " + id, "政策编号 " + id + " 重复定义");
    }
  }
  if (data->policies_.empty()) return Status(Code::kUnavailable, "没有任何政策文件");
  // Local time is the default policy's (else the first policy's): one installation, one zone.
  auto local = data->policies_.find(kDefaultPolicyId);
  if (local == data->policies_.end()) local = data->policies_.begin();
  data->local_offset_minutes_ = local->second.utc_offset_minutes;
  return std::shared_ptr<const ReferenceData>(std::move(data));
}

Result<const domain::Policy*> ReferenceData::FindPolicy(std::string_view id,
                                                        std::string_view field) const {
  auto it = policies_.find(id);
  if (it != policies_.end()) return &it->second;
  std::string known;
  for (const auto& [pid, p] : policies_) known += (known.empty() ? "" : "、") + pid;
  return Status(Code::kInvalidArgument,
                "未知的政策编号 \"" + std::string(id) + "\"；已有：" + known, std::string(field));
}

}  // namespace anpei::app
