import { describe, expect, it } from 'vitest';
import { encodeUtf8 } from '../text-encoding.js';
import { md5Hex, sha1Hex } from './md5-sha1.js';
import { sha256Hex, sha384Hex, sha512Hex } from './sha2.js';

// FIPS 180 / RFC 1321 test messages; the lengths 55/56/111/112 straddle the padding boundary.
const M448 = 'abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq';
const M896 =
  'abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu';

const ALGORITHMS = { md5: md5Hex, sha1: sha1Hex, sha256: sha256Hex, sha384: sha384Hex, sha512: sha512Hex };

const VECTORS: [string, Record<keyof typeof ALGORITHMS, string>][] = [
  ['', {
    md5: 'd41d8cd98f00b204e9800998ecf8427e',
    sha1: 'da39a3ee5e6b4b0d3255bfef95601890afd80709',
    sha256: 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
    sha384: '38b060a751ac96384cd9327eb1b1e36a21fdb71114be07434c0cc7bf63f6e1da274edebfe76f65fbd51ad2f14898b95b',
    sha512: 'cf83e1357eefb8bdf1542850d66d8007d620e4050b5715dc83f4a921d36ce9ce47d0d13c5d85f2b0ff8318d2877eec2f63b931bd47417a81a538327af927da3e',
  }],
  ['abc', {
    md5: '900150983cd24fb0d6963f7d28e17f72',
    sha1: 'a9993e364706816aba3e25717850c26c9cd0d89d',
    sha256: 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad',
    sha384: 'cb00753f45a35e8bb5a03d699ac65007272c32ab0eded1631a8b605a43ff5bed8086072ba1e7cc2358baeca134c825a7',
    sha512: 'ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a2192992a274fc1a836ba3c23a3feebbd454d4423643ce80e2a9ac94fa54ca49f',
  }],
  [M448, {
    md5: '8215ef0796a20bcaaae116d3876c664a',
    sha1: '84983e441c3bd26ebaae4aa1f95129e5e54670f1',
    sha256: '248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1',
    sha384: '3391fdddfc8dc7393707a65b1b4709397cf8b1d162af05abfe8f450de5f36bc6b0455a8520bc4e6f5fe95b1fe3c8452b',
    sha512: '204a8fc6dda82f0a0ced7beb8e08a41657c16ef468b228a8279be331a703c33596fd15c13b1b07f9aa1d3bea57789ca031ad85c7a71dd70354ec631238ca3445',
  }],
  [M896, {
    md5: '03dd8807a93175fb062dfb55dc7d359c',
    sha1: 'a49b2446a02c645bf419f995b67091253a04a259',
    sha256: 'cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1',
    sha384: '09330c33f71147e83d192fc782cd1b4753111b173b3b05d22fa08086e3b0f712fcc7c71a557e2db966c3e9fa91746039',
    sha512: '8e959b75dae313da8cf4f72814fc143f8f7779c6eb9f7fa17299aeadb6889018501d289e4900f7e4331b99dec4b5433ac7d329eeb6dd26545e96e55b874be909',
  }],
  ['a'.repeat(1_000_000), {
    md5: '7707d6ae4e027c70eea2a935c2296f21',
    sha1: '34aa973cd4c4daa4f61eeb2bdbad27316534016f',
    sha256: 'cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0',
    sha384: '9d0e1809716474cb086e834e310a4a1ced149e9c00f248527972cec5704c2a5b07b8b3dc38ecc4ebae97ddd87f3d8985',
    sha512: 'e718483d0ce769644e2e42c7bc15b4638e1f98b13b2044285632a803afa973ebde0ff244877ea60a4cb0432ce577c31beb009c5c2c49aa2e4eadb217ad8cc09b',
  }],
  ['x'.repeat(111), {
    md5: 'acdfbe7d162f80a5133e9b10dac869b2',
    sha1: 'ebcb0b3e48c9ef45a6cea955e622bad8c29ff4e7',
    sha256: '5ba60613dba318e9ed9020301e5dc59c721c19d82862e4d03718708aa75d2bad',
    sha384: 'dfec6588f894c2b089119e1884a23941e5aa69ed38702839cf7352ac6d155d315693bb5d26b7468d8b69ecf4631ef419',
    sha512: '9a2a120825c2319867758ec277924f6faa254968bf752046dacdd948d8ad299b10359fd04bfd7d3810b5fa1b16a294236138baff981cbb85248478053ac4d3dd',
  }],
  ['x'.repeat(112), {
    md5: '26382a8d1f5cdb7bce4d4a8f01920656',
    sha1: '27fa638e78d8524dae129c782bb9042f0caed9f9',
    sha256: '87bf6e70ecc829aa717756ac6797b82de8b30fca1281ea1659df31949839fc6b',
    sha384: 'd8489693bc428374931aedf508740398d9d4a92887116fecb2fcdd91c68b9db329fc4a474e05e78c3eb34e649a6b5c77',
    sha512: 'a3722b515ef40c910f2419f6e0da8ca51d410114ce6272faae64045f9e9f630e7fa8dd5a3243c9860b899d148c3da4bc0f9e07454542604d030bb55531fe0d5b',
  }],
  ['x'.repeat(55), {
    md5: '04364420e25c512fd958a70738aa8f72',
    sha1: 'cef734ba81a024479e09eb5a75b6ddae62e6abf1',
    sha256: 'd5e285683cd4efc02d021a5c62014694958901005d6f71e89e0989fac77e4072',
    sha384: 'a66523395070ed9a9f4be8faab9d76cb2bf631e835177ac1e5a14308f9a56b939964f8597819be798318f3db67a0d995',
    sha512: 'db9981645857e59805132f7699e78bbcf39f69380a41aac8e6fa158a0593f2017ffe48764687aa855dae3023fcceefd51a1551d57730423df18503e80ba381ba',
  }],
  ['x'.repeat(56), {
    md5: '668a72d5ba17f08e62dabcafad6db14b',
    sha1: '901305367c259952f4e7af8323f480d59f81335b',
    sha256: '04c26261370ee7541549d16dee320c723e3fd14671e66a099afe0a377c16888e',
    sha384: 'ab8d350a9c9d2b1bf44d3289a3ea0d28aa2917ae128397cfa389d918e32f57d30ad82f6297ef7e6647c4c12dc30efb64',
    sha512: 'a9436ec7761f9f0d5fa48e652d72b54622f763b36106e6551900b32f6cd7f4d88dbeaadeb866d7f5311663eda3bbcda04ffb5a8e6779e14b84e95da5327c083e',
  }],
  ['🚀✓こんにちは', {
    md5: 'dee2390f2af5b9295261a983be95767b',
    sha1: '5ebb41c319e066900afcda906849a78a77df1c91',
    sha256: '05d71762bfd7838f41d7f10edfe29d1c6f4eb034941ef9a00140562d76733bc1',
    sha384: '56fed45dbed62e74c2792605b4c83efc2a854e7a4653184bdfaf5beac30cf01c96825ad5c2a75fa1100a2a9283c84d32',
    sha512: '2ee56702e5e546b85308fbd5e9dc1e8c92605eee89280b03473133eb142190b0088b8f66e4fd4c9b4dcbe1dcd280883fc7f7a42842d109010c8b185467a33045',
  }],
];

describe('digests', () => {
  for (const [message, expected] of VECTORS) {
    it(`hash a message of ${message.length} characters`, () => {
      const bytes = encodeUtf8(message);
      for (const [name, digest] of Object.entries(ALGORITHMS)) {
        expect(digest(bytes), name).toBe(expected[name as keyof typeof ALGORITHMS]);
      }
    });
  }
});
