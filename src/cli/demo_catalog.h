// The demo's fixed catalogue (`anpei demo`, cmd_demo.cc): Quanzhou's districts, the training
// institutions with their addresses and coordinates, and the classes with the state each reaches
// through the use cases, declared and decided at their own past times.
#pragma once

#include "domain/model.h"

namespace anpei::cli {

struct DemoDistrict {
  const char* code;
  const char* name;
};
inline constexpr DemoDistrict kDistricts[] = {
    {"350502", "鲤城区"}, {"350503", "丰泽区"}, {"350504", "洛江区"}, {"350505", "泉港区"},
    {"350521", "惠安县"}, {"350581", "石狮市"}, {"350582", "晋江市"}, {"350583", "南安市"},
};

struct DemoInstitution {
  const char* name;
  const char* district;
  const char* address;
  double lat, lng;
};
inline constexpr DemoInstitution kInstitutions[] = {
    {"泉州市安盾保安培训学校有限公司", "350503", "泉州市丰泽区东海街道通港西街 168 号", 24.8869,
     118.6432},
    {"泉州鲤城卫安职业培训中心有限公司", "350502", "泉州市鲤城区江南街道紫华路 25 号", 24.8963,
     118.5681},
    {"晋江市恒安保安培训有限公司", "350582", "晋江市青阳街道世纪大道 512 号", 24.8112, 118.5778},
    {"石狮市海峡安保技能培训有限公司", "350581", "石狮市湖滨街道八七路 301 号", 24.7313, 118.6486},
    {"南安市诚信保安职业技能培训有限公司", "350583", "南安市溪美街道成功街 88 号", 24.9606,
     118.3864},
};

struct DemoClass {
  int institution;
  const char* title;
  const char* occupation;
  const char* start;
  int practical_days;
  int online_days;
  domain::ClassState state;
  const char* declared_at;  // for declared and later states
  const char* decided_at;   // approved, returned, rejected; declared after a return
  const char* reason;       // the reviewer's (returned, rejected; the earlier return)
  const char* declared_again_at = nullptr;  // returned, then declared again at this time
};
inline constexpr DemoClass kClasses[] = {
    {0, "2026年第四期保安员初级技能培训班", "security_guard", "2026-11-02", 2, 0,
     domain::ClassState::kApproved, "2026-10-30T09:30:00+08:00", "2026-10-30T15:10:00+08:00",
     "教学计划、师资与场地符合要求，同意开班。"},
    {0, "2026年第五期保安员初级技能培训班", "security_guard", "2026-11-23", 2, 2,
     domain::ClassState::kDeclared, "2026-11-20T10:00:00+08:00", nullptr, nullptr},
    {0, "2026年第六期保安员初级技能培训班", "security_guard", "2026-12-14", 2, 0,
     domain::ClassState::kDraft, nullptr, nullptr, nullptr},
    {1, "鲤城区保卫管理员专项培训班（第二期）", "security_manager", "2026-11-16", 2, 1,
     domain::ClassState::kDeclared, "2026-11-17T15:20:00+08:00", nullptr, nullptr},
    {1, "鲤城区保安员技能提升班（实操加强）", "security_guard", "2026-12-07", 3, 0,
     domain::ClassState::kDraft, nullptr, nullptr, nullptr},
    {2, "晋江市辅警（交通管理员）保安员培训班", "security_guard", "2026-11-09", 2, 0,
     domain::ClassState::kApproved, "2026-11-06T11:00:00+08:00", "2026-11-06T16:40:00+08:00", ""},
    {2, "晋江市保安员初级培训班（冬季班）", "security_guard", "2026-11-30", 2, 2,
     domain::ClassState::kReturned, "2026-11-25T16:45:00+08:00", "2026-11-26T10:15:00+08:00",
     "线上理论课安排在工作日上午，参训学员多为在岗保安员，请调整到晚间或周末，"
     "并说明线上学习的考勤方式后重新申报。"},
    {3, "石狮市保安员初级技能培训班", "security_guard", "2026-11-23", 2, 0,
     domain::ClassState::kDeclared, "2026-11-23T08:00:00+08:00", "2026-11-23T14:30:00+08:00",
     "申报材料中培训场地地址与营业执照登记地址不一致，请补充场地租赁证明后重新申报。",
     "2026-11-24T09:20:00+08:00"},
    {4, "南安市保卫管理员培训班", "security_manager", "2026-12-14", 2, 1,
     domain::ClassState::kDraft, nullptr, nullptr, nullptr},
    {4, "南安市保安员初级技能培训班（第一期）", "security_guard", "2026-11-16", 2, 0,
     domain::ClassState::kRejected, "2026-11-16T09:00:00+08:00", "2026-11-17T11:05:00+08:00",
     "所列两名实操教师的资质证书已过期，培训场地未通过消防验收，不具备开班条件。"},
    {3, "石狮市保安员技能提升班（秋季班）", "security_guard", "2026-11-02", 2, 0,
     domain::ClassState::kApproved, "2026-10-29T10:00:00+08:00", "2026-10-29T16:20:00+08:00", ""},
};

}  // namespace anpei::cli
