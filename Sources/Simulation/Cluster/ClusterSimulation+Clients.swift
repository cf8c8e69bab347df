import Raft

extension ClusterSimulation {
    /// Times out and retries outstanding operations, and (in the faulty phase)
    /// starts new ones after a short think time.
    mutating func driveClients(startingNew: Bool) {
        for index in clients.indices {
            if let outstanding = clients[index].outstanding {
                if nowMillis >= outstanding.deadlineMillis { timeOut(client: index) }
            } else if startingNew, nowMillis >= clients[index].idleUntilMillis {
                start(client: index)
            }
        }
    }

    private mutating func start(client index: Int) {
        let (operation, logged) = clients[index].nextOperation(keyCount: options.keyCount, random: &random)
        history.append(.pending(clientID: index, input: operation, callTick: nowMillis))
        var series: UInt64?
        if logged {
            series = clients[index].nextSeries
            clients[index].nextSeries += 1
        }
        clients[index].outstanding = SimulatedClient.Outstanding(
            historyIndex: history.count - 1, operation: operation, series: series
        )
        log("c\(index) invokes \(operation)")
        sendAttempt(client: index)
    }

    private mutating func sendAttempt(client index: Int) {
        guard var outstanding = clients[index].outstanding else { return }
        nextRequestID += 1
        outstanding.attemptIDs.append(nextRequestID)
        outstanding.deadlineMillis = nowMillis + options.clientTimeoutMillis
        clients[index].outstanding = outstanding
        let hint = clients[index].leaderHint
        let target = hint != .none ? hint : nodeIDs.randomElement(using: &random)!
        let kind: ClientRequest.Kind =
            if let series = outstanding.series {
                .propose(KeyValueCommand(client: clients[index].sessionID, series: series, operation: outstanding.operation))
            } else {
                .readIndex(key: outstanding.operation.key)
            }
        send(.request(ClientRequest(client: index, requestID: nextRequestID, kind: kind)), from: .client(index), to: .node(target))
    }

    private mutating func timeOut(client index: Int) {
        guard let outstanding = clients[index].outstanding else { return }
        clients[index].leaderHint = .none
        if outstanding.series != nil, outstanding.attemptIDs.count < options.attemptsMax {
            sendAttempt(client: index)
        } else {
            giveUp(client: index)
        }
    }

    /// The client stops waiting. A read, or a write every attempt of which was
    /// refused, had no effect and leaves the history; any other write stays pending:
    /// it may take effect at any later time, or never.
    private mutating func giveUp(client index: Int) {
        guard let outstanding = clients[index].outstanding else { return }
        if outstanding.series == nil || outstanding.certainlyWithoutEffect {
            history[outstanding.historyIndex] = nil
            report.statistics.operationsFailed += 1
        } else {
            report.statistics.operationsPending += 1
        }
        log("c\(index) gives up \(outstanding.operation)")
        finish(client: index)
    }

    mutating func receive(_ reply: ClientReply, client index: Int) {
        guard var outstanding = clients[index].outstanding, outstanding.attemptIDs.contains(reply.requestID) else { return }
        clients[index].leaderHint = reply.leaderHint
        switch reply.kind {
        case .output(let output):
            let call = history[outstanding.historyIndex]!.callTick
            history[outstanding.historyIndex] = ClientOperation(
                clientID: index, input: outstanding.operation, output: output, callTick: call, returnTick: nowMillis
            )
            remember(output, of: outstanding.operation, client: index)
            if let series = outstanding.series {
                acknowledgedSeries[index] = max(acknowledgedSeries[index] ?? 0, series)
            }
            report.statistics.operationsOK += 1
            log("c\(index) \(outstanding.operation) -> \(output)")
            finish(client: index)
        case .refused:
            outstanding.refusedIDs.insert(reply.requestID)
            clients[index].outstanding = outstanding
            if outstanding.attemptIDs.count >= options.attemptsMax {
                giveUp(client: index)
            } else if reply.leaderHint != .none {
                sendAttempt(client: index)
            } else {
                // No leader known yet: try again once an election may have ended.
                clients[index].outstanding?.deadlineMillis = nowMillis + options.tickMillis * Int64(options.electionTicks)
            }
        }
    }

    private mutating func remember(_ output: KeyValueOutput<String>, of operation: KeyValueInput<String, String>, client index: Int) {
        switch (operation, output) {
        case (.get(let key), .value(let value)): clients[index].lastSeen[key] = value
        case (.put(let key, let value), _): clients[index].lastSeen[key] = value
        case (.delete(let key), _): clients[index].lastSeen[key] = nil
        case (.compareAndSet(let key, _, let new), .swapped(true)): clients[index].lastSeen[key] = new
        default: break
        }
    }

    private mutating func finish(client index: Int) {
        clients[index].outstanding = nil
        clients[index].idleUntilMillis = nowMillis + Int64.random(in: 0...20, using: &random)
    }
}
