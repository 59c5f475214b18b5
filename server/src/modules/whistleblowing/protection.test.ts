// The reporter's protections that do not need a running server: sealing, keys, proof of work.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { Keyring, loadKeyring, newKeyFile } from './keyring.ts';
import { TokenBucket } from './limits.ts';
import { leadingZeroBits, ProofOfWork, solve } from './pow.ts';

test('sealed text opens only with its key and its record; tampering is detected; rotation keeps old data readable', () => {
  const k = new Keyring(newKeyFile());
  const sealed = k.seal('泄漏的储罐在三号仓库后面', 'report-1');
  assert.ok(!sealed.includes('储罐') && sealed.startsWith('k1.'));
  assert.notEqual(k.seal('same', 'r'), k.seal('same', 'r'), 'a fresh nonce each time');
  assert.equal(k.open(sealed, 'report-1'), '泄漏的储罐在三号仓库后面');
  assert.throws(() => k.open(sealed, 'report-2'), 'copied onto another record it does not open');
  const raw = Buffer.from(sealed.slice(3), 'base64');
  raw[30] = (raw[30] ?? 0) ^ 1;
  assert.throws(() => k.open(`k1.${raw.toString('base64')}`, 'report-1'));
  assert.throws(() => new Keyring(newKeyFile()).open(sealed, 'report-1'), 'another deployment’s key cannot open it');

  const k2 = k.rotated();
  assert.notEqual(k2.currentId, 'k1');
  assert.equal(k2.open(sealed, 'report-1'), '泄漏的储罐在三号仓库后面');
  assert.ok(k2.seal('x', 'r').startsWith(`${k2.currentId}.`));
  assert.equal(k2.receiptTag('12345678901234567890'), k.receiptTag('12345678901234567890'), 'receipt tags survive rotation');
});

test('the key file is created once, private to its owner; the environment overrides it', () => {
  const dir = mkdtempSync(join(tmpdir(), 'taishan-keys-'));
  const path = join(dir, 'keys', 'report-keys.json');
  const a = loadKeyring(path, {});
  assert.equal(statSync(path).mode & 0o777, 0o600);
  const b = loadKeyring(path, {});
  assert.equal(b.open(a.seal('x', 'r'), 'r'), 'x');
  const fromEnv = loadKeyring(path, { TAISHAN_REPORT_KEYS: JSON.stringify(newKeyFile()) });
  assert.throws(() => fromEnv.open(a.seal('x', 'r'), 'r'));
});

test('proof of work: forged, wrong, expired and reused challenges are refused', () => {
  let now = 1_000_000;
  const pow = new ProofOfWork(12, () => now);
  const { challenge, bits } = pow.challenge();
  const nonce = solve(challenge, bits);
  const work = (n: string) => leadingZeroBits(createHash('sha256').update(`${challenge}:${n}`).digest());
  const wrong = [...Array(50).keys()].map(String).find((n) => work(n) < bits) as string;
  assert.equal(pow.check(challenge, wrong), 'invalid', 'a nonce without the work is refused');
  assert.equal(leadingZeroBits(Buffer.from([0, 0x10])), 11);
  // Change the signature's last digit (to a different one: a fixed '0' was a no-op one time in 16).
  const forged = `${challenge.slice(0, -1)}${challenge.endsWith('0') ? '1' : '0'}`;
  assert.equal(pow.check(forged, nonce), 'invalid');
  assert.equal(pow.check('garbage', nonce), 'invalid');
  assert.equal(new ProofOfWork(12, () => now).check(challenge, nonce), 'invalid', 'another server’s challenge');
  assert.equal(pow.check(challenge, nonce), 'ok');
  assert.equal(pow.check(challenge, nonce), 'reused');
  const late = pow.challenge();
  now += 11 * 60 * 1000;
  assert.equal(pow.check(late.challenge, solve(late.challenge, 12)), 'expired');
});

test('proof of work: a solved challenge with a suffix, or a nonce spelt differently, is refused (issue 22, item 9)', () => {
  const pow = new ProofOfWork(8, () => 2_000_000);
  const { challenge, bits } = pow.challenge();
  const nonce = solve(challenge, bits);
  // Each variant carries real work for its own spelling, so only the shape check can refuse it.
  for (const variant of [`${challenge}.x`, `${challenge}.`, `${challenge}0`, `${challenge}:1`, ` ${challenge}`]) {
    assert.equal(pow.check(variant, solve(variant, bits)), 'invalid', `challenge ${JSON.stringify(variant.slice(-6))}`);
  }
  const spelt = [`0${nonce}`, `${nonce} `, `+${nonce}`, `${nonce}.0`].find(
    (n) => leadingZeroBits(createHash('sha256').update(`${challenge}:${n}`).digest()) >= bits,
  );
  assert.equal(spelt === undefined ? 'invalid' : pow.check(challenge, spelt), 'invalid');
  assert.equal(pow.check(challenge, `${nonce}:x`), 'invalid');
  assert.equal(pow.check(challenge, nonce), 'ok', 'the challenge as handed out, with its plain nonce, is accepted once');
  assert.equal(pow.check(`${challenge}.x`, solve(`${challenge}.x`, bits)), 'invalid', 'and not again under another spelling');
});

test('proof of work: the difficulty rises with a flood and falls back when it stops', () => {
  let now = 5_000_000;
  const pow = new ProofOfWork(8, () => now);
  const submit = () => {
    const c = pow.challenge();
    assert.equal(pow.check(c.challenge, solve(c.challenge, c.bits)), 'ok');
    return c.bits;
  };
  const seen: number[] = [];
  for (let i = 0; i < 170; i++) seen.push(submit());
  // Calm up to 20 a minute, then +1 at 20, +2 at 40, +3 at 80, +4 at 160.
  assert.deepEqual([seen[0], seen[19], seen[20], seen[39], seen[40], seen[80], seen[160]], [8, 8, 9, 9, 10, 11, 12]);
  // A challenge states its bits; it cannot be downgraded.
  const c = pow.challenge();
  const [exp, , rnd, sig] = c.challenge.split('.');
  assert.equal(pow.check(`${exp}.8.${rnd}.${sig}`, solve(`${exp}.8.${rnd}.${sig}`, 8)), 'invalid');
  now += 61_000;
  assert.equal(pow.challenge().bits, 8, 'a quiet minute later, back to normal');
});

test('token bucket: a burst up to capacity, then the refill rate', () => {
  let now = 0;
  const b = new TokenBucket(3, 1, () => now);
  assert.deepEqual([b.take(), b.take(), b.take(), b.take()], [true, true, true, false]);
  now += 1000;
  assert.deepEqual([b.take(), b.take()], [true, false]);
});
