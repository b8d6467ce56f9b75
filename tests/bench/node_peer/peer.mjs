// make bench: the reference a user might pick instead of AnPei for the morning peak (issue 13,
// deliver 8) — a minimal Node.js check-in service: node:http + better-sqlite3, one process, one
// thread, WAL + synchronous=FULL (every answered check-in is on disk, as AnPei's), the same input
// validation as POST /api/v1/check-ins (shapes only: it knows no rosters, windows, devices or
// selfies) and one INSERT per check-in. Usage: node peer.mjs DB_FILE PORT; prints "listening PORT".
import http from 'node:http';
import Database from 'better-sqlite3';

const [file, portArg] = process.argv.slice(2);
const db = new Database(file);
db.pragma('journal_mode = WAL');
db.pragma('synchronous = FULL');
db.exec(`CREATE TABLE IF NOT EXISTS attendance_records (
  id INTEGER PRIMARY KEY, class_id INTEGER NOT NULL, session_seq INTEGER NOT NULL,
  person_id INTEGER NOT NULL, direction TEXT NOT NULL, at INTEGER NOT NULL, source TEXT NOT NULL,
  idempotency_key TEXT, device_id TEXT, client_addr TEXT, user_agent TEXT, lat REAL, lng REAL,
  accuracy_m REAL, distance_m REAL, selfie_id INTEGER, created_at TEXT NOT NULL,
  UNIQUE (person_id, idempotency_key))`);
const insert = db.prepare(`INSERT INTO attendance_records (class_id, session_seq, person_id,
  direction, at, source, idempotency_key, device_id, client_addr, user_agent, lat, lng, accuracy_m,
  distance_m, selfie_id, created_at) VALUES (?, ?, ?, ?, ?, 'phone', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);

const KEY = /^[A-Za-z0-9_-]{8,64}$/;
const TOKEN = /^v1\.(\d+)\.(\d+)\.(\d+)\.[A-Za-z0-9_-]+$/;
function refuse(res, status, field, message) {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
  res.end(JSON.stringify({ error: { code: 'invalid_argument', field, message } }));
}
function check(b) {
  if (typeof b !== 'object' || b === null) return ['body', '请求体必须是 JSON 对象'];
  if (typeof b.token !== 'string' || !TOKEN.test(b.token)) return ['token', '二维码无效'];
  if (b.direction !== 'in' && b.direction !== 'out') return ['direction', '方向必须是 in 或 out'];
  if (typeof b.idempotency_key !== 'string' || !KEY.test(b.idempotency_key)) return ['idempotency_key', '幂等键格式不对'];
  if (typeof b.lat !== 'number' || b.lat < -90 || b.lat > 90) return ['lat', '纬度无效'];
  if (typeof b.lng !== 'number' || b.lng < -180 || b.lng > 180) return ['lng', '经度无效'];
  if (typeof b.accuracy_m !== 'number' || b.accuracy_m < 0) return ['accuracy_m', '定位精度无效'];
  if (typeof b.device_id !== 'string' || b.device_id.length < 8 || b.device_id.length > 128) return ['device_id', '设备标识无效'];
  if (!Number.isSafeInteger(b.person_id)) return ['person_id', '学员无效'];
  return null;
}

const server = http.createServer((req, res) => {
  if (req.method !== 'POST' || req.url !== '/api/v1/check-ins') return refuse(res, 404, 'path', '未找到');
  const chunks = [];
  req.on('data', (c) => chunks.push(c));
  req.on('end', () => {
    let b;
    try { b = JSON.parse(Buffer.concat(chunks).toString('utf8')); } catch { return refuse(res, 400, 'body', 'JSON 无效'); }
    const bad = check(b);
    if (bad) return refuse(res, 400, bad[0], bad[1]);
    const [, classId, seq] = TOKEN.exec(b.token);
    const at = Math.floor(Date.now() / 1000);
    try {
      const r = insert.run(Number(classId), Number(seq), b.person_id, b.direction, at, b.idempotency_key,
        b.device_id, req.socket.remoteAddress, req.headers['user-agent'] ?? '', b.lat, b.lng, b.accuracy_m,
        0, b.selfie_id ?? null, new Date().toISOString());
      res.writeHead(201, { 'content-type': 'application/json; charset=utf-8' });
      res.end(JSON.stringify({ record: { id: Number(r.lastInsertRowid), class_id: Number(classId),
        session_seq: Number(seq), person_id: b.person_id, direction: b.direction, at } }));
    } catch (e) {
      if (e.code === 'SQLITE_CONSTRAINT_UNIQUE') return refuse(res, 409, 'idempotency_key', '重复');
      refuse(res, 500, '', String(e));
    }
  });
});
server.listen(Number(portArg), '127.0.0.1', () => console.log(`listening ${server.address().port}`));
process.on('SIGTERM', () => { server.close(); db.close(); process.exit(0); });
