# A real terminal for the tests that are about one (Ctrl+C, the prompt): an interactive pwsh in a tmux
# session on a tmux server of its own, driven with send-keys and read with capture-pane.

function New-TestTerminal {
    # Starts pwsh in a detached tmux session; -SetupScript is dot-sourced first (import the module, set variables).
    param([Parameter(Mandatory)] [string] $SetupScript)
    $server = 'exoip-test-' + [guid]::NewGuid().ToString('n').Substring(0, 12)
    $command = (Get-PwshCommand) + @('-NoProfile', '-NoLogo', '-NoExit', '-Command', ". '$SetupScript'")
    $line = ($command | ForEach-Object { "'" + ($_ -replace "'", "'\''") + "'" }) -join ' '
    & tmux -L $server new-session -d -s main -x 200 -y 50 $line
    if ($LASTEXITCODE -ne 0) { throw "tmux did not start (exit code $LASTEXITCODE)." }
    $terminal = [pscustomobject]@{ Server = $server }
    # Keys typed before the prompt is up are echoed but not run: wait for it.
    $null = Wait-TestTerminal $terminal '(?m)^PS [^\n]*> ?$'
    $terminal
}

function Send-TestTerminal {
    # Types text and Enter, or sends one key such as C-c with -Key.
    param([Parameter(Mandatory)] $Terminal, [string] $Text, [string] $Key)
    if ($Key) { & tmux -L $Terminal.Server send-keys -t main $Key }
    else { & tmux -L $Terminal.Server send-keys -t main -l $Text; & tmux -L $Terminal.Server send-keys -t main Enter }
}

function Read-TestTerminal {
    # The screen and its scrollback, as text.
    param([Parameter(Mandatory)] $Terminal)
    (& tmux -L $Terminal.Server capture-pane -p -J -S -2000 -t main) -join "`n"
}

function Wait-TestTerminal {
    # Waits until the screen matches the pattern; fails with what the screen showed.
    param([Parameter(Mandatory)] $Terminal, [Parameter(Mandatory)] [string] $Pattern, [double] $TimeoutSeconds = 60)
    $deadline = [DateTime]::UtcNow.AddSeconds($TimeoutSeconds)
    while (($screen = Read-TestTerminal $Terminal) -notmatch $Pattern) {
        if ([DateTime]::UtcNow -gt $deadline) { throw "Timed out after $TimeoutSeconds s waiting for /$Pattern/ on the terminal, which shows:`n$screen" }
        Start-Sleep -Milliseconds 200
    }
    $screen
}

function Remove-TestTerminal {
    param($Terminal)
    if ($Terminal) { & tmux -L $Terminal.Server kill-server 2>$null }
}
