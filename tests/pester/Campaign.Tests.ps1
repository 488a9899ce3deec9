# The seeded fault campaign's real-process tier, a short slice: native exoip nodes peering through an Instance Pool, the
# emulator, seeded faults (SIGKILL, SIGSTOP/SIGCONT, 503s, slow operations, SIGUSR1/2, partitions by policy routing,
# a node taken out of the pool and put back), the simulation's checker over the holder history.
BeforeAll {
    . "$PSScriptRoot/TestCluster.ps1"
    . "$PSScriptRoot/PolicyRouting.ps1"
    $script:root = (Resolve-Path "$PSScriptRoot/../..").Path
}

Describe 'Real-process fault campaign (a one-minute slice)' {
    # The script itself, whatever the core's violations: it starts the cluster, injects its faults, writes the run log
    # and has it checked, and its exit code says whether the checker found a violation (a script error is neither).
    It 'runs the nodes through its seeded faults and ends with the checker''s totals and a matching exit code' {
        [string[]] $pwsh = Get-PwshCommand
        $logs = Join-Path $TestDrive 'campaign'
        $arguments = @($pwsh | Select-Object -Skip 1) + @('-NoProfile', '-NonInteractive', '-File', "$root/bench/Campaign.ps1", '-Minutes', '1', '-Seed', '2', '-LogDirectory', $logs)
        $output = & $pwsh[0] @arguments 2>&1 | ForEach-Object { "$_" }
        $code = $LASTEXITCODE

        $totals = '^campaign \(real processes\): [\d.]+ minutes, [1-9]\d* faults, (?<violations>\d+) violations$'
        $output[-1] | Should -Match $totals -Because ($output -join "`n")
        $violations = [int]([regex]::Match($output[-1], $totals).Groups['violations'].Value)
        $code | Should -Be ($violations -gt 0 ? 1 : 0) -Because ($output -join "`n")

        # Seed 2's minute has a node out of the pool (with a restart in it) and, with policy routing, partitions both ways
        # and one way; none of its blackhole rules is left behind.
        $run = Get-Content (Join-Path $logs 'run.json') -Raw | ConvertFrom-Json
        $kinds = @($run.faults | ForEach-Object kind)
        $kinds | Should -Contain 'LeaveGroup'
        if (Test-PolicyRouting) {
            $kinds | Should -Contain 'Isolate'
            $kinds | Should -Contain 'OneWayPartition'
        }
        if (Get-Command ip -ErrorAction Ignore) {
            $rules = @(& ip rule show)
            foreach ($address in $run.nodes.address) {
                $rules | Where-Object { $_ -match "\b$([regex]::Escape($address))\b" } | Should -BeNullOrEmpty -Because "the campaign heals its partitions ($address)"
            }
        }
    }

    # Seed 1 found issue 18's paused master (SIGSTOP 0.7 s: the backup takes over, the master resumes announced
    # Master without holding for 4.3 s, an I5 violation) under the schedule before partitions and pool faults were
    # added; its schedule is another now (-ScheduleOnly prints it). Enabled, with a seed picked again, when the core's
    # fixes land.
    It 'checks the run with the simulation''s checker and finds no violation' -Skip {
        [string[]] $pwsh = Get-PwshCommand
        $arguments = @($pwsh | Select-Object -Skip 1) + @('-NoProfile', '-NonInteractive', '-File', "$root/bench/Campaign.ps1", '-Minutes', '1', '-Seed', '1')
        $output = & $pwsh[0] @arguments 2>&1 | ForEach-Object { "$_" }
        $code = $LASTEXITCODE

        $output[-1] | Should -Match '^campaign \(real processes\): 1 minutes, \d+ faults, \d+ violations$'
        $code | Should -Be 0 -Because ($output -join "`n")
    }
}
