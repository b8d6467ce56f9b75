// Synthetic but valid identities for `anpei demo` (demo_people.cc): Chinese names, 18-digit
// resident ID numbers and unified social credit codes that pass the domain's own checkers, and
// mobile numbers, drawn from a seeded generator so the demo is the same every time.
#pragma once

#include <random>
#include <string>

namespace anpei::cli {

inline constexpr const char* kSurnames[] = {"陈", "林", "黄", "张", "王", "李", "吴",
                                            "刘", "蔡", "杨", "许", "郑", "庄", "洪",
                                            "苏", "施", "曾", "丁", "傅", "柯"};
inline constexpr const char* kGiven[] = {
    "伟",   "志强", "建华", "明辉", "海燕", "秀英", "文杰", "俊杰", "丽华", "晓东", "国庆", "振宇",
    "雅婷", "家豪", "清水", "金福", "少华", "阿明", "永福", "美玲", "艺伟", "鸿儒", "泽鑫", "思远"};

// A valid 18-digit resident ID: region, birth date in `year`, sequence, MOD 11-2 check character.
std::string ResidentId(std::mt19937& rng, const char* region, int year);
// A valid unified social credit code of a company (91...) registered in `region`.
std::string Uscc(std::mt19937& rng, const char* region);
// A mainland mobile number.
std::string Phone(std::mt19937& rng);

}  // namespace anpei::cli
