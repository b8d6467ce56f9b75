-- Funds (资金拨付, issue 15 Deliver 4; 三（一）4, 四（二）) and clawback (追回, Deliver 5; 四（三）);
-- domain/funds.h, app/funds.h, docs/architecture.md "Funds" and "Clawback". Amounts are whole yuan
-- (元), as the policy's subsidies are.

-- A fund request (拨付申请): a batch over publicity_closed classes. state: submitted (waiting for
-- 人社) → approved (waiting for 财政) → confirmed → completed (every line paid); returned (by 人社
-- or 财政, with the reason; its lines cancelled, its classes back to publicity_closed).
-- district_code: the district when every class is of one (a reviewer's scope), else NULL.
CREATE TABLE fund_requests (
  id {{id_column}},
  state TEXT NOT NULL,
  district_code TEXT,
  created_by BIGINT NOT NULL,
  created_by_name TEXT NOT NULL,
  created_at TEXT NOT NULL,
  hrss_by_name TEXT,
  hrss_at TEXT,
  finance_by_name TEXT,
  finance_at TEXT,
  return_reason TEXT,
  returned_by_name TEXT,
  returned_at TEXT,
  exported_at TEXT,
  export_count INTEGER NOT NULL DEFAULT 0,
  version INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX fund_requests_by_state ON fund_requests (state, id);

-- One line per payable trainee of a class of the request. status: pending | paid | failed |
-- cancelled; attempt: the payment attempt (a failed line re-issued is pending again with the next
-- attempt, so a result for an older attempt's reference no longer matches). account_sealed: the
-- payee's account number sealed to its cell (NULL: not known yet — the line cannot be exported).
CREATE TABLE fund_lines (
  id {{id_column}},
  request_id BIGINT NOT NULL REFERENCES fund_requests(id),
  class_id BIGINT NOT NULL REFERENCES classes(id),
  person_id BIGINT NOT NULL REFERENCES trainees(id),
  amount_yuan BIGINT NOT NULL CHECK (amount_yuan > 0),
  account_kind TEXT NOT NULL,
  account_sealed TEXT,
  status TEXT NOT NULL,
  attempt INTEGER NOT NULL DEFAULT 1,
  bank_reference TEXT,
  paid_on TEXT,
  failure_reason TEXT,
  updated_at TEXT NOT NULL,
  version INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX fund_lines_by_request ON fund_lines (request_id, id);
CREATE INDEX fund_lines_by_class ON fund_lines (class_id, id);
-- Never paid twice (四（二）): at most one live line (pending, failed or paid) per class and person,
-- whatever request it is in; only a cancelled line frees the claim.
CREATE UNIQUE INDEX fund_lines_one_claim ON fund_lines (class_id, person_id)
  WHERE status IN ('pending', 'failed', 'paid');

-- A clawback (追回): a paid line of a class later disqualified. recovered_yuan grows with each
-- recovery (never past due_yuan); state: outstanding | settled.
CREATE TABLE clawbacks (
  id {{id_column}},
  line_id BIGINT NOT NULL REFERENCES fund_lines(id),
  class_id BIGINT NOT NULL REFERENCES classes(id),
  person_id BIGINT NOT NULL REFERENCES trainees(id),
  case_id BIGINT REFERENCES cases(id),
  due_yuan BIGINT NOT NULL CHECK (due_yuan > 0),
  recovered_yuan BIGINT NOT NULL DEFAULT 0 CHECK (recovered_yuan >= 0 AND recovered_yuan <= due_yuan),
  state TEXT NOT NULL,
  created_at TEXT NOT NULL,
  version INTEGER NOT NULL DEFAULT 1,
  UNIQUE (line_id)
);
CREATE INDEX clawbacks_by_state ON clawbacks (state, id);
CREATE INDEX clawbacks_by_class ON clawbacks (class_id, id);

CREATE TABLE clawback_recoveries (
  id {{id_column}},
  clawback_id BIGINT NOT NULL REFERENCES clawbacks(id),
  amount_yuan BIGINT NOT NULL CHECK (amount_yuan > 0),
  recovered_on TEXT NOT NULL,
  reference TEXT NOT NULL,
  by_user BIGINT NOT NULL,
  by_name TEXT NOT NULL,
  at TEXT NOT NULL
);
CREATE INDEX clawback_recoveries_by_clawback ON clawback_recoveries (clawback_id, id);
