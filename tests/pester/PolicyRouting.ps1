# Network partitions on loopback with Linux policy routing: real kernel drops, no hook in the product.
#
# Loopback traffic is routed by the `local` table, whose rule has priority 0, ahead of anything else. Moving
# that rule to priority 1000 lets blackhole rules at priority 100+ come first; a blackhole rule for
# "from A to B" makes A's datagrams to B fail at sendto (EINVAL) while everything else, B to A included,
# flows as before. Needs root (no iptables or tc here). Only the fault matrix's own addresses are ever
# blackholed, so other tests running on the machine meanwhile are unaffected.

$script:LocalRuleParking = 1000
$script:FirstPartitionRule = 100
# The priorities of the rules Add-Partition added: only those are ever removed.
$script:PartitionRules = [Collections.Generic.List[int]]::new()

function Test-PolicyRouting {
    # True when this process may change routing rules (Linux, root, the ip tool present).
    $IsLinux -and (Get-Command ip -ErrorAction SilentlyContinue) -and (& id -u) -eq '0'
}

function Invoke-Ip([string[]] $Arguments) {
    & ip @Arguments
    if ($LASTEXITCODE -ne 0) { throw "ip $($Arguments -join ' ') failed with exit code $LASTEXITCODE." }
}

function Get-RulePriority {
    # The priorities of the rules in place.
    (& ip rule show) | ForEach-Object { if ($_ -match '^(\d+):') { [int]$Matches[1] } }
}

function Enable-Partitioning {
    # Parks the `local` rule behind the partition rules' priorities (both exist for a moment: no gap).
    if ((Get-RulePriority) -notcontains $script:LocalRuleParking) {
        Invoke-Ip rule, add, from, all, lookup, local, prio, $script:LocalRuleParking
    }
    if ((Get-RulePriority) -contains 0) { Invoke-Ip rule, del, prio, 0 }
}

function Add-Partition {
    # Drops every datagram from each -From address to each -To address (one way; call twice for both).
    param([Parameter(Mandatory)] [string[]] $From, [Parameter(Mandatory)] [string[]] $To)
    $taken = @(Get-RulePriority)
    $priority = $script:FirstPartitionRule
    foreach ($source in $From) {
        foreach ($destination in $To) {
            while ($taken -contains $priority) { $priority++ }
            if ($priority -ge $script:LocalRuleParking) { throw 'No free rule priority left for a partition.' }
            Invoke-Ip rule, add, from, $source, to, $destination, blackhole, prio, $priority
            $script:PartitionRules.Add($priority)
            $taken += $priority
        }
    }
}

function Remove-Partition {
    # Heals every partition this script made (the routing stays ready for more).
    $present = @(Get-RulePriority)
    foreach ($priority in $script:PartitionRules | Where-Object { $present -contains $_ }) { Invoke-Ip rule, del, prio, $priority }
    $script:PartitionRules.Clear()
}

function Disable-Partitioning {
    # Heals, then puts the `local` rule back at priority 0 before removing the parked copy. Safe to call
    # whatever state a failure left (it is the AfterAll clean-up).
    Remove-Partition
    if ((Get-RulePriority) -notcontains 0) { Invoke-Ip rule, add, from, all, lookup, local, prio, 0 }
    if ((Get-RulePriority) -contains $script:LocalRuleParking) { Invoke-Ip rule, del, prio, $script:LocalRuleParking }
}
