// The edge policy alone: trusted proxies and the client address they vouch for, and the
// connection caps (issue "Trust", Deliver 4).
#include <gtest/gtest.h>

#include "http/edge.h"

namespace anpei::http {
namespace {

TrustedProxies Proxies(const std::vector<std::string>& cidrs) {
  auto p = TrustedProxies::Parse(cidrs);
  EXPECT_TRUE(p.ok()) << p.status().message();
  return p.ok() ? *p : TrustedProxies();
}

TEST(TrustedProxies, ParsesAddressesAndNetworksOfBothFamilies) {
  auto p = Proxies({"10.0.0.0/8", "192.168.1.5", "fd00::/8", " ::1 "});
  EXPECT_TRUE(p.Contains("10.20.30.40"));
  EXPECT_FALSE(p.Contains("11.0.0.1"));
  EXPECT_TRUE(p.Contains("192.168.1.5"));
  EXPECT_FALSE(p.Contains("192.168.1.6"));
  EXPECT_TRUE(p.Contains("fd12::1"));
  EXPECT_TRUE(p.Contains("::1"));
  EXPECT_FALSE(p.Contains("fe80::1"));
  EXPECT_FALSE(p.Contains("not-an-ip"));
  EXPECT_TRUE(Proxies({"0.0.0.0/0"}).Contains("8.8.8.8"));
  EXPECT_FALSE(Proxies({"0.0.0.0/0"}).Contains("2001:db8::1")) << "an IPv4 net holds no IPv6";
  EXPECT_TRUE(Proxies({"10.1.2.0/23"}).Contains("10.1.3.255"));
  EXPECT_FALSE(Proxies({"10.1.2.0/23"}).Contains("10.1.4.0"));
}

TEST(TrustedProxies, RefusesWhatIsNotAnAddressOrPrefix) {
  for (const std::string bad :
       {"10.0.0.0/33", "::/129", "example.com", "10.0.0.0/", "1.2.3/8", "10.0.0.0/x"}) {
    auto p = TrustedProxies::Parse({bad});
    ASSERT_FALSE(p.ok()) << bad;
    EXPECT_EQ(p.status().field(), "--trusted-proxy");
    EXPECT_NE(p.status().message().find(bad), std::string::npos) << p.status().message();
  }
}

TEST(TrustedProxies, OnlyATrustedPeerMaySpeakForTheClient) {
  auto none = Proxies({});
  EXPECT_EQ(none.ClientAddress("203.0.113.9", "1.2.3.4"), "203.0.113.9");
  auto p = Proxies({"10.0.0.0/8"});
  // An untrusted peer's header is ignored, whatever it claims.
  EXPECT_EQ(p.ClientAddress("203.0.113.9", "10.0.0.1, 1.2.3.4"), "203.0.113.9");
  // Our proxy names the client.
  EXPECT_EQ(p.ClientAddress("10.0.0.2", "198.51.100.7"), "198.51.100.7");
  // Read from the right: the client put a forged entry first, our proxies appended the truth.
  EXPECT_EQ(p.ClientAddress("10.0.0.2", "6.6.6.6, 198.51.100.7, 10.0.0.3"), "198.51.100.7");
  // Ports and brackets as some proxies write them.
  EXPECT_EQ(p.ClientAddress("10.0.0.2", "198.51.100.7:4711"), "198.51.100.7");
  EXPECT_EQ(p.ClientAddress("10.0.0.2", "[2001:db8::7]:4711"), "2001:db8::7");
  EXPECT_EQ(p.ClientAddress("10.0.0.2", "2001:db8::7"), "2001:db8::7");
  // Garbage stops the walk at the last good hop.
  EXPECT_EQ(p.ClientAddress("10.0.0.2", "198.51.100.7, <script>"), "10.0.0.2");
  EXPECT_EQ(p.ClientAddress("10.0.0.2", "\n, 198.51.100.7"), "198.51.100.7");
  // Only proxies in the chain: the leftmost one is all we know.
  EXPECT_EQ(p.ClientAddress("10.0.0.2", "10.0.0.4, 10.0.0.3"), "10.0.0.4");
  EXPECT_EQ(p.ClientAddress("10.0.0.2", ""), "10.0.0.2");
}

TEST(ConnectionLimits, CapsInAllAndPerAddressAndReleases) {
  ConnectionLimits limits(4, 2, Proxies({"10.0.0.1"}));
  using A = ConnectionLimits::Admission;
  EXPECT_EQ(limits.Admit("1.1.1.1"), A::kAdmitted);
  EXPECT_EQ(limits.Admit("1.1.1.1"), A::kAdmitted);
  EXPECT_EQ(limits.Admit("1.1.1.1"), A::kAddressFull);
  EXPECT_EQ(limits.Admit("10.0.0.1"), A::kAdmitted);  // a trusted proxy carries many clients
  EXPECT_EQ(limits.Admit("10.0.0.1"), A::kAdmitted);
  EXPECT_EQ(limits.open(), 4u);
  EXPECT_EQ(limits.Admit("2.2.2.2"), A::kServerFull);
  EXPECT_EQ(limits.Admit("10.0.0.1"), A::kServerFull) << "proxies count in the total";
  limits.Release("1.1.1.1");
  EXPECT_EQ(limits.Admit("2.2.2.2"), A::kAdmitted);
  limits.Release("1.1.1.1");
  EXPECT_EQ(limits.Admit("1.1.1.1"), A::kAdmitted);
  EXPECT_EQ(limits.open(), 4u);
}

}  // namespace
}  // namespace anpei::http
