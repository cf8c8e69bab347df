import Testing

@testable import ManyServer

/// The replay cache's bounds: entries expire with their window and the count never passes the maximum.
struct ReplayCacheTests {
    @Test func seenUntilExpiry() {
        let cache = ReplayCache(entriesMax: 10)
        #expect(cache.admit([1], nowSeconds: 100, expirySeconds: 200))
        #expect(!cache.admit([1], nowSeconds: 150, expirySeconds: 250))
        #expect(cache.admit([2], nowSeconds: 150, expirySeconds: 250))
        // After its expiry the same key is new again (the timestamp check refuses it anyway).
        #expect(cache.admit([1], nowSeconds: 200, expirySeconds: 300))
    }

    @Test func boundedUnderAFlood() {
        let cache = ReplayCache(entriesMax: 64)
        for index in 0..<10_000 {
            let key = [UInt8(index & 0xff), UInt8(index >> 8)]
            #expect(cache.admit(key, nowSeconds: 1, expirySeconds: 1_000))
            #expect(cache.count <= 64)
        }
        // The newest are still known; the oldest were dropped.
        #expect(!cache.admit([UInt8(9_999 & 0xff), UInt8(9_999 >> 8)], nowSeconds: 1, expirySeconds: 1_000))
        #expect(cache.admit([0, 0], nowSeconds: 1, expirySeconds: 1_000))
    }
}
