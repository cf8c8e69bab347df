/// The address checksum: CRC-16/ARC (polynomial 0x8005 reflected as 0xA001, initial value
/// 0, no final xor), which is many-rs's `crc_any::CRCu16::crc16()` and the spec's
/// "polynomial 0xA001, initial value 0x0000, xor 0x0000, with reflection".
enum CRC16 {
    static func checksum(_ bytes: some Sequence<UInt8>) -> UInt16 {
        var crc: UInt16 = 0
        for byte in bytes {
            crc ^= UInt16(byte)
            for _ in 0..<8 {
                crc = crc & 1 == 1 ? (crc >> 1) ^ 0xA001 : crc >> 1
            }
        }
        return crc
    }
}
