# A keyed cluster with one node whose wall clock is 41 minutes ahead, as a host whose clock nobody set: three
# native exoip processes on loopback against the emulator, the third under libfaketime (its wall clock moved, its
# monotonic clock not). Its peers refuse its adverts as stale and it refuses theirs; it must stay out of the
# election and silent, not take the Elastic IP from the live master it cannot hear.
BeforeAll {
    Import-Module "$PSScriptRoot/../../ExoIp.psd1" -Force
    . "$PSScriptRoot/TestCluster.ps1"

    # build.ps1 -Task Test installs Debian's faketime package.
    $script:libfaketime = Get-Item '/usr/lib/*/faketime/libfaketime.so.1' -ErrorAction Ignore | Select-Object -First 1
}

Describe 'A keyed cluster with a node whose wall clock is 41 minutes off' {
    BeforeAll {
        $directory = Join-Path ([IO.Path]::GetTempPath()) "exoip-clock-$([guid]::NewGuid().ToString('n'))"
        New-Item -ItemType Directory -Path $directory | Out-Null
        $key = (New-ExoIpAuthKey -Path (Join-Path $directory 'cluster.key') -ErrorAction Stop).Path
        $listener = [Net.Sockets.TcpListener]::new([ipaddress]::Loopback, 0)
        $listener.Start(); $metricsPort = $listener.LocalEndpoint.Port; $listener.Stop()
        $script:metrics = "http://127.0.0.1:$metricsPort/metrics"
        $skewed = @{ LD_PRELOAD = "$libfaketime"; FAKETIME = '+2452s'; FAKETIME_DONT_FAKE_MONOTONIC = '1'; IF_METRICS_ADDRESS = $metrics }
        function script:Get-AdvertsSent {
            if ((Invoke-WebRequest $metrics -TimeoutSec 5).Content -match '(?m)^exoip_adverts_sent_total (\d+)') { [long]$Matches[1] }
        }
        # The skewed node has the best priority: were it to believe itself alone and master, it would take the address.
        $script:cluster = New-TestCluster -LogDirectory $directory -Interval 0.2 -Port (Get-FreeUdpPort '127.0.0.61') -ElasticIp '198.51.100.61' `
            -Environment @{ IF_AUTH_KEY_FILE = $key } -Nodes @(
                @{ Address = '127.0.0.61'; Priority = 10; Native = $true }
                @{ Address = '127.0.0.62'; Priority = 20; Native = $true }
                @{ Address = '127.0.0.63'; Priority = 5; Native = $true; Environment = $skewed })
        Start-TestClusterEmulator $cluster
    }

    AfterAll {
        Stop-TestCluster $cluster
    }

    It 'stays in Fault, silent, and leaves the Elastic IP on the master; its peers say why they refuse it' {
        $libfaketime | Should -Not -BeNullOrEmpty -Because 'Debian''s faketime package is installed by build.ps1 -Task Test'
        $master, $backup, $skewedNode = $cluster.Nodes
        $null = Start-TestNode $cluster $master
        $null = Start-TestNode $cluster $backup
        Wait-SoleHolder $cluster $master -TimeoutSeconds 30
        $null = Start-TestNode $cluster $skewedNode

        Wait-Until { (Get-TestNodeRole $skewedNode) -eq 'Fault' } -TimeoutSeconds 30 -Because 'the node whose clock is off takes the role Fault'
        # Long enough for a node that took itself for the only live one to attach the address (its hold-off is 0.7 s),
        # and for 25 of its rounds of adverts, were it sending.
        $sentInFault = Get-AdvertsSent
        Start-Sleep -Seconds 5
        Get-AdvertsSent | Should -Be $sentInFault -Because 'a node in Fault for its clock sends no advert'

        $fault = Read-TestNodeEvent $skewedNode -Kind StateChanged -CurrentStart | Select-Object -Last 1
        $fault.Message | Should -Match 'stamped too far from this node''s wall clock'
        @(Read-TestNodeEvent $skewedNode -Kind StateChanged -CurrentStart | Where-Object Message -Match '-> Master') | Should -BeNullOrEmpty
        @(Get-HolderHistory $cluster.Emulator $cluster.ElasticIp | Where-Object InstanceId -EQ $skewedNode.Id) | Should -BeNullOrEmpty
        @(Get-Holder $cluster.Emulator $cluster.ElasticIp) | Should -Be @($master.Id)
        Get-TestNodeRole $master | Should -Be 'Master'
        # Its peers said why they refused it before it fell silent.
        Read-TestNodeEvent $master -Match "refusing the adverts from peer $([regex]::Escape($skewedNode.Address)): .*stamped more than" | Should -Not -BeNullOrEmpty
        $skewedNode.Process.HasExited | Should -BeFalse -Because (Get-Content $skewedNode.Log -Raw)
        foreach ($node in $cluster.Nodes) { Get-TestNodeFailure $node | Should -BeNullOrEmpty }
    }
}
