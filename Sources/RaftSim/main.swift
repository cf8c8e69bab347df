print("raft-sim")
