import XCTest
@testable import Protobuf

final class ProtobufModuleTests: XCTestCase {}
