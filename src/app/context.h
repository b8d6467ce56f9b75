// What every stateful use case needs: the store, the reference data and the clock. Shared,
// immutable after start; the pointed-to objects are thread-safe.
#pragma once

#include <functional>
#include <memory>
#include <string>

#include <optional>
#include <vector>
#include "app/reference_data.h"

#include "domain/account.h"
#include "domain/calendar.h"
#include "domain/date.h"
#include "domain/plan.h"
#include "domain/sign_in_throttle.h"
#include "ports/blob_store.h"
#include "ports/certificate_renderer.h"
#include "ports/clock.h"
#include "ports/exif_reader.h"
#include "ports/face_inspector.h"
#include "ports/form_renderer.h"
#include "ports/sheet_writer.h"
#include "ports/spreadsheet.h"
#include "ports/store.h"
#include "ports/text_normalizer.h"
#include "ports/vault.h"
#include "ports/video_probe.h"

namespace anpei::app {

// Turns a plan into the contract's plan JSON, for the kept plan versions. Supplied by the caller
// (the codec layer), so the app does not depend on a JSON library.
using PlanEncoder = std::function<std::string(const domain::Plan&, const std::string& policy_id,
                                              int offset_minutes)>;

// Reads one calendar year in the format of data/calendar/cn-YYYY.toml (adapters/toml); errors name
// the key as "ORIGIN: key". Supplied by the caller, so the app does not depend on a TOML library.
using CalendarParser =
    std::function<Result<domain::CalendarYear>(std::string_view text, std::string_view origin)>;

// Who acts: the signed-in user with their roles and the institution or district they are bound
// to (domain.md §1), or nobody (user_id 0, no roles). The operator's tools act as a system actor.
struct Actor {
  int64_t user_id = 0;
  std::string user = "anonymous";  // the user name (the audit trail's actor)
  std::string display_name;        // how people know them (丰泽分局审核员); "" for non-users
  std::vector<std::string> roles;
  std::optional<int64_t> institution_id;     // for the institution role
  std::optional<std::string> district_code;  // for the police_reviewer role
  // For the trainee role (a trainee session on a bound phone, app/attendance.h): the person.
  std::optional<int64_t> person_id;
  // For the platform role acting with an online platform's token (app/online_platforms.h).
  std::optional<int64_t> platform_id;

  bool Has(std::string_view role) const {
    for (const auto& r : roles) {
      if (r == role) return true;
    }
    return false;
  }
  bool SignedIn() const { return !roles.empty(); }
  // The name a record shows for who acted: the display name, else the user name.
  const std::string& Name() const { return display_name.empty() ? user : display_name; }
  // The roles as the audit trail records them ("institution,auditor"; "unauthenticated").
  std::string RoleText() const {
    std::string out;
    for (const auto& r : roles) out += (out.empty() ? "" : ",") + r;
    return out.empty() ? "unauthenticated" : out;
  }
  static Actor System(std::string name) {
    Actor a;
    a.user = std::move(name);
    a.roles = {std::string(domain::kRoleSystem)};
    return a;
  }
};

// Sign-in and session settings of the installation (docs/operations.md, `anpei serve` flags);
// security choices, not policy numbers of the notice.
struct SecuritySettings {
  int64_t session_idle_s = 30 * 60;        // a session unused this long ends (idle timeout)
  int64_t session_lifetime_s = 12 * 3600;  // a session ends this long after sign-in, used or not
  // Throttles (domain/sign_in_throttle.h): a name from one address, one address over all names,
  // one name over all addresses.
  domain::ThrottleRule name_at_address{5, 15 * 60, 5 * 60, 60 * 60, 60 * 60};
  domain::ThrottleRule address{30, 15 * 60, 15 * 60, 60 * 60, 60 * 60};
  domain::ThrottleRule name{100, 60 * 60, 15 * 60, 60 * 60, 2 * 3600};
  // Rows one list export may hold (app/export.h): past it the export is refused, asking for
  // narrower filters — a bound on memory and time, and on how much one click can take away.
  int64_t max_export_rows = 100000;
};

struct AppContext {
  std::shared_ptr<ports::Store> store;
  std::shared_ptr<const ports::Vault> vault;
  std::shared_ptr<const ReferenceData> reference;
  std::shared_ptr<const ports::Clock> clock;
  PlanEncoder encode_plan;
  CalendarParser parse_calendar;
  // Every identifier, name and phone goes through this before a rule sees it (adapters/icu).
  std::shared_ptr<const ports::TextNormalizer> text;
  // Roster files (XLSX, CSV) as uploaded (adapters/sheet).
  std::shared_ptr<const ports::SpreadsheetReader> sheets;
  // The lists' exports (adapters/xlsx) and the printed forms (adapters/pdf).
  std::shared_ptr<const ports::SheetWriterFactory> sheet_writers;
  std::shared_ptr<const ports::FormRenderer> forms;
  // Uploaded files (spot-check photos; adapters/blob), content-addressed. May be null in tools
  // that never upload: the use cases that need it answer Unavailable then.
  std::shared_ptr<const ports::BlobStore> blobs;
  // Faces in selfies (adapters/face, OpenCV). May be null (opencv-data missing, tools): selfie
  // uploads answer Unavailable then.
  std::shared_ptr<const ports::FaceInspector> faces;
  // Evidence uploads (app/evidence_uploads.h): session videos probed (adapters/video, FFmpeg) and
  // photos' EXIF capture time (adapters/exif, libexif). May be null: such uploads answer 503.
  std::shared_ptr<const ports::VideoProbe> videos;
  std::shared_ptr<const ports::ExifReader> exif;
  SecuritySettings security;
  // Certificates (app/certificates.h): the printed certificate with its QR code (adapters/pdf,
  // libqrencode) and the status list's gzip (adapters/zlib). public_url: the scheme and host the
  // QR codes point to (`anpei serve --public-url`); empty: the host each request came to.
  std::shared_ptr<const ports::CertificateRenderer> certificates;
  std::shared_ptr<const ports::Compressor> gzip;
  std::string public_url;

  domain::Instant Now() const { return clock->Now(); }
  // Local time is the policy's utc_offset (China Standard Time, UTC+8: domain.md §2).
  int LocalOffset() const { return reference->local_offset_minutes(); }
  std::string NowText() const { return domain::FormatTimestamp(Now(), LocalOffset()); }
  domain::Date Today() const { return domain::LocalDate(Now(), LocalOffset()); }
};

// Runs `f(tx, out)` in one store transaction and returns `out`, or the failure: the shape of most
// use cases (read or change, then hand back what the caller shows).
template <typename T, typename F>
Result<T> InTx(const AppContext& ctx, ports::TxMode mode, F&& f) {
  T out{};
  ANPEI_RETURN_IF_ERROR(ctx.store->Run(mode, [&](ports::StoreTx& tx) { return f(tx, out); }));
  return out;
}

}  // namespace anpei::app
