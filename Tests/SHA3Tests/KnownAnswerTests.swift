import Testing
import TestSupport
import SHA3

/// FIPS 202 example values published by NIST (Cryptographic Standards and Guidelines,
/// "Examples with Intermediate Values"), for the empty message, "abc", the 448-bit
/// "abcdbcdecdef..." message and the 1600-bit message of 200 bytes 0xA3.
struct KnownAnswerTests {
    struct Vector: Sendable, CustomStringConvertible {
        let name: String
        let message: [UInt8]
        let sha3_224: String
        let sha3_256: String
        let sha3_384: String
        let sha3_512: String
        /// The first 32 bytes of SHAKE128 output.
        let shake128: String
        /// The first 64 bytes of SHAKE256 output.
        let shake256: String

        var description: String { name }
    }

    static let vectors: [Vector] = [
        Vector(
            name: "empty",
            message: [],
            sha3_224: "6b4e03423667dbb73b6e15454f0eb1abd4597f9a1b078e3f5b5a6bc7",
            sha3_256: "a7ffc6f8bf1ed76651c14756a061d662f580ff4de43b49fa82d80a4b80f8434a",
            sha3_384: "0c63a75b845e4f7d01107d852e4c2485c51a50aaaa94fc61995e71bbee983a2a"
                + "c3713831264adb47fb6bd1e058d5f004",
            sha3_512: "a69f73cca23a9ac5c8b567dc185a756e97c982164fe25859e0d1dcc1475c80a6"
                + "15b2123af1f5f94c11e3e9402c3ac558f500199d95b6d3e301758586281dcd26",
            shake128: "7f9c2ba4e88f827d616045507605853ed73b8093f6efbc88eb1a6eacfa66ef26",
            shake256: "46b9dd2b0ba88d13233b3feb743eeb243fcd52ea62b81b82b50c27646ed5762f"
                + "d75dc4ddd8c0f200cb05019d67b592f6fc821c49479ab48640292eacb3b7c4be"
        ),
        Vector(
            name: "abc",
            message: Array("abc".utf8),
            sha3_224: "e642824c3f8cf24ad09234ee7d3c766fc9a3a5168d0c94ad73b46fdf",
            sha3_256: "3a985da74fe225b2045c172d6bd390bd855f086e3e9d525b46bfe24511431532",
            sha3_384: "ec01498288516fc926459f58e2c6ad8df9b473cb0fc08c2596da7cf0e49be4b2"
                + "98d88cea927ac7f539f1edf228376d25",
            sha3_512: "b751850b1a57168a5693cd924b6b096e08f621827444f70d884f5d0240d2712e"
                + "10e116e9192af3c91a7ec57647e3934057340b4cf408d5a56592f8274eec53f0",
            shake128: "5881092dd818bf5cf8a3ddb793fbcba74097d5c526a6d35f97b83351940f2cc8",
            shake256: "483366601360a8771c6863080cc4114d8db44530f8f1e1ee4f94ea37e78b5739"
                + "d5a15bef186a5386c75744c0527e1faa9f8726e462a12a4feb06bd8801e751e4"
        ),
        Vector(
            name: "448 bits",
            message: Array("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".utf8),
            sha3_224: "8a24108b154ada21c9fd5574494479ba5c7e7ab76ef264ead0fcce33",
            sha3_256: "41c0dba2a9d6240849100376a8235e2c82e1b9998a999e21db32dd97496d3376",
            sha3_384: "991c665755eb3a4b6bbdfb75c78a492e8c56a22c5c4d7e429bfdbc32b9d4ad5a"
                + "a04a1f076e62fea19eef51acd0657c22",
            sha3_512: "04a371e84ecfb5b8b77cb48610fca8182dd457ce6f326a0fd3d7ec2f1e91636d"
                + "ee691fbe0c985302ba1b0d8dc78c086346b533b49c030d99a27daf1139d6e75e",
            shake128: "1a96182b50fb8c7e74e0a707788f55e98209b8d91fade8f32f8dd5cff7bf21f5",
            shake256: "4d8c2dd2435a0128eefbb8c36f6f87133a7911e18d979ee1ae6be5d4fd2e3329"
                + "40d8688a4e6a59aa8060f1f9bc996c05aca3c696a8b66279dc672c740bb224ec"
        ),
        Vector(
            name: "200 bytes of 0xA3",
            message: [UInt8](repeating: 0xA3, count: 200),
            sha3_224: "9376816aba503f72f96ce7eb65ac095deee3be4bf9bbc2a1cb7e11e0",
            sha3_256: "79f38adec5c20307a98ef76e8324afbfd46cfd81b22e3973c65fa1bd9de31787",
            sha3_384: "1881de2ca7e41ef95dc4732b8f5f002b189cc1e42b74168ed1732649ce1dbcdd"
                + "76197a31fd55ee989f2d7050dd473e8f",
            sha3_512: "e76dfad22084a8b1467fcf2ffa58361bec7628edf5f3fdc0e4805dc48caeeca8"
                + "1b7c13c30adf52a3659584739a2df46be589c51ca1a4a8416df6545a1ce8ba00",
            shake128: "131ab8d2b594946b9c81333f9bb6e0ce75c3b93104fa3469d3917457385da037",
            shake256: "cd8a920ed141aa0407a22d59288652e9d9f1a7ee0c1e7c1ca699424da84a904d"
                + "2d700caae7396ece96604440577da4f3aa22aeb8857f961c4cd8e06f0ae6610b"
        ),
    ]

    @Test(arguments: vectors)
    func fixedOutputDigestsMatchNIST(_ vector: Vector) {
        #expect(SHA3_224.hash(vector.message).hex == vector.sha3_224)
        #expect(SHA3_256.hash(vector.message).hex == vector.sha3_256)
        #expect(SHA3_384.hash(vector.message).hex == vector.sha3_384)
        #expect(SHA3_512.hash(vector.message).hex == vector.sha3_512)
    }

    @Test(arguments: vectors)
    func shakeOutputsMatchNIST(_ vector: Vector) {
        #expect(SHAKE128.hash(vector.message, outputByteCount: 32).hex == vector.shake128)
        #expect(SHAKE256.hash(vector.message, outputByteCount: 64).hex == vector.shake256)
    }

    @Test func oneMillionLowercaseAsHashToTheNISTValue() {
        let message = [UInt8](repeating: UInt8(ascii: "a"), count: 1_000_000)
        #expect(
            SHA3_256.hash(message).hex
                == "5c8875ae474a3634ba4fd55ec85bffd661f32aca75c6d699d0cdcb6c115891c1"
        )
    }

    @Test func digestAndBlockSizesMatchFIPS202() {
        #expect([SHA3_224.byteCount, SHA3_256.byteCount, SHA3_384.byteCount, SHA3_512.byteCount]
            == [28, 32, 48, 64])
        #expect([SHA3_224.blockByteCount, SHA3_256.blockByteCount, SHA3_384.blockByteCount,
                 SHA3_512.blockByteCount, SHAKE128.blockByteCount, SHAKE256.blockByteCount]
            == [144, 136, 104, 72, 168, 136])
    }
}
