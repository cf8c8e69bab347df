/// Builds a `LinearizabilityWitness` and its readable account.
enum WitnessText {
    /// Most prefix operations printed; the earlier ones are counted, not listed.
    static let prefixLinesMax = 20

    static func make<Model: LinearizabilityModel>(
        model: Model,
        operations: [ClientOperation<Model.Input, Model.Output>],
        partition: [Int],
        longestPrefix: [Int],
        state: Model.State,
        unplaced: [Int]
    ) -> LinearizabilityWitness {
        func line(_ local: Int) -> String {
            "#\(partition[local]) \(model.describe(operations[local]))"
        }
        let stateText = model.describe(state: state)
        var text = "not linearizable: a partition of \(partition.count) operations has no linearization\n"
        text += "longest linearizable prefix: \(longestPrefix.count) of \(partition.count) operations\n"
        let shown = longestPrefix.suffix(prefixLinesMax)
        if shown.count < longestPrefix.count {
            text += "  ... \(longestPrefix.count - shown.count) earlier operations\n"
        }
        for (position, local) in zip(shown.indices, shown) {
            text += "  \(position + 1). \(line(local))\n"
        }
        text += "state after the prefix: \(stateText)\n"
        text += "possible next by real time, each rejected by the model in that state:\n"
        for local in unplaced {
            text += "  \(line(local))\n"
        }
        return LinearizabilityWitness(
            partition: partition,
            longestPrefix: longestPrefix.map { partition[$0] },
            stateAfterPrefix: stateText,
            unplaced: unplaced.map { partition[$0] },
            description: text
        )
    }
}
