# The seeded fault campaign's real-process tier, a short slice: native exoip nodes, the emulator, seeded faults
# (SIGKILL, SIGSTOP/SIGCONT, 503s, slow operations, SIGUSR1/2), the simulation's checker over the holder history.
BeforeAll {
    . "$PSScriptRoot/TestCluster.ps1"
    $script:root = (Resolve-Path "$PSScriptRoot/../..").Path
}

Describe 'Real-process fault campaign (a one-minute slice)' {
    # Seed 1 finds issue 18's paused master today (SIGSTOP 0.7 s: the backup takes over, the master resumes announced
    # Master without holding for 4.3 s, an I5 violation); enabled when the core's fixes land.
    It 'checks the run with the simulation''s checker and finds no violation' -Skip {
        [string[]] $pwsh = Get-PwshCommand
        $arguments = @($pwsh | Select-Object -Skip 1) + @('-NoProfile', '-NonInteractive', '-File', "$root/bench/Campaign.ps1", '-Minutes', '1', '-Seed', '1')
        $output = & $pwsh[0] @arguments 2>&1 | ForEach-Object { "$_" }
        $code = $LASTEXITCODE

        $output[-1] | Should -Match '^campaign \(real processes\): 1 minutes, \d+ faults, \d+ violations$'
        $code | Should -Be 0 -Because ($output -join "`n")
    }
}
