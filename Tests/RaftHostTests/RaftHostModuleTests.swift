import XCTest
@testable import RaftHost

final class RaftHostModuleTests: XCTestCase {}
