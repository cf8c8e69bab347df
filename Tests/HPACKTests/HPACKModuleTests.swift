import XCTest
@testable import HPACK

final class HPACKModuleTests: XCTestCase {}
