import { createHash, createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { hmacSha256, sha256 } from '../../../net/relay';
import { createPrng } from '../../simnet/prng';

const hex = (bytes: Uint8Array): string => Buffer.from(bytes).toString('hex');
const text = (s: string): Uint8Array => new TextEncoder().encode(s);

describe('SHA-256 and HMAC-SHA-256 (the relay tag)', () => {
  it('gives the FIPS 180-2 digests', () => {
    expect(hex(sha256(text('')))).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    expect(hex(sha256(text('abc')))).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(hex(sha256(text('abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq')))).toBe('248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1');
  });

  it('gives the RFC 4231 HMACs, a key longer than a block included', () => {
    expect(hex(hmacSha256(new Uint8Array(20).fill(0x0b), text('Hi There')))).toBe('b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7');
    expect(hex(hmacSha256(text('Jefe'), text('what do ya want for nothing?')))).toBe('5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843');
    expect(hex(hmacSha256(new Uint8Array(131).fill(0xaa), text('Test Using Larger Than Block-Size Key - Hash Key First')))).toBe('60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54');
  });

  it("matches node's crypto on random keys and messages of every length around the block edges, in parts", () => {
    const random = createPrng(13);
    for (let length = 0; length < 300; length++) {
      const data = Uint8Array.from({ length }, () => Math.floor(random() * 256));
      const key = Uint8Array.from({ length: Math.floor(random() * 100) }, () => Math.floor(random() * 256));
      const cut = Math.floor(random() * (length + 1));
      expect(hex(sha256(data.subarray(0, cut), data.subarray(cut)))).toBe(createHash('sha256').update(data).digest('hex'));
      expect(hex(hmacSha256(key, data.subarray(0, cut), data.subarray(cut)))).toBe(createHmac('sha256', key).update(data).digest('hex'));
    }
  });
});
