# Install-test the installer natively on Windows (release workflow): silent per-user
# install, files, registry, shortcuts, --smoke, opening a .lvcad through the association,
# silent uninstall and nothing left. Checks are effects; exit codes are checked too.
param(
    [Parameter(Mandatory)] [string] $Installer,
    [Parameter(Mandatory)] [string] $Version,
    [Parameter(Mandatory)] [string] $Sample
)
$ErrorActionPreference = 'Stop'

function Check([bool] $ok, [string] $what) {
    if (-not $ok) { throw "FAILED: $what" }
    Write-Host "ok: $what"
}

function Wait-Until([scriptblock] $condition, [int] $seconds) {
    $deadline = (Get-Date).AddSeconds($seconds)
    while ((Get-Date) -lt $deadline) {
        if (& $condition) { return $true }
        Start-Sleep -Seconds 1
    }
    return $false
}

$folder = Join-Path $env:LOCALAPPDATA 'Programs\LV CAD'
$exe = Join-Path $folder 'LV_CAD.exe'
$uninstallKey = 'HKCU:\Software\Microsoft\Windows\CurrentVersion\Uninstall\LV CAD'
$classKey = 'HKCU:\Software\Classes\LVCAD.Drawing'
$settingsKey = 'HKCU:\Software\LV CAD\LV CAD'
$shortcuts = @(
    (Join-Path ([Environment]::GetFolderPath('Programs')) 'LV CAD.lnk'),
    (Join-Path ([Environment]::GetFolderPath('Desktop')) 'LV CAD.lnk')
)

$timer = [Diagnostics.Stopwatch]::StartNew()
$setup = Start-Process -FilePath $Installer -ArgumentList '/S' -Wait -PassThru
Write-Host "silent per-user install: $($timer.Elapsed.TotalSeconds) s"
Check ($setup.ExitCode -eq 0) 'the silent install exits 0'
Check (Test-Path $exe) 'LV_CAD.exe is installed'
Check ((Get-ItemProperty $uninstallKey).DisplayVersion -eq $Version) "Add/Remove Programs shows $Version"
Check ((Get-ItemProperty $uninstallKey).QuietUninstallString -like '*Uninstall.exe*/S') 'QuietUninstallString'
Check ((Get-ItemProperty 'HKCU:\Software\Classes\.lvcad').'(default)' -eq 'LVCAD.Drawing') '.lvcad is associated'
Check ((Get-ItemProperty "$classKey\shell\open\command").'(default)' -eq "`"$exe`" `"%1`"") 'the open command'
foreach ($shortcut in $shortcuts) { Check (Test-Path $shortcut) "shortcut $shortcut" }

$out = Join-Path $env:RUNNER_TEMP 'smoke.txt'
$smoke = Start-Process -FilePath $exe -ArgumentList '--smoke', "`"$Sample`"" -Wait -PassThru -RedirectStandardOutput $out
Check ($smoke.ExitCode -eq 0 -and (Get-Content $out -Raw) -match "LV CAD $Version") 'LV_CAD.exe --smoke opens the sample'

# Open a drawing as Explorer does: the editor lists every file it opens in its recent files.
Remove-Item 'HKCU:\Software\LV CAD' -Recurse -ErrorAction SilentlyContinue
$drawing = Join-Path $env:RUNNER_TEMP 'release-check.lvcad'
Copy-Item $Sample $drawing
Start-Process -FilePath $drawing
$opened = Wait-Until { ((Get-ItemProperty $settingsKey -ErrorAction SilentlyContinue).recent_files -join ' ') -like '*release-check.lvcad*' } 120
Get-Process LV_CAD -ErrorAction SilentlyContinue | Stop-Process -Force
Check $opened 'opening a .lvcad through the association starts LV CAD with that file'
Start-Sleep -Seconds 2

$timer.Restart()
Start-Process -FilePath (Join-Path $folder 'Uninstall.exe') -ArgumentList '/S' -Wait
# Uninstall.exe runs a copy of itself from TEMP and returns at once: wait for the effect.
Check (Wait-Until { -not (Test-Path $folder) } 120) 'the silent uninstall removes the folder'
Write-Host "silent uninstall: $($timer.Elapsed.TotalSeconds) s"
Check (-not (Test-Path $uninstallKey)) 'the uninstall entry is gone'
Check (-not (Test-Path $classKey)) 'the association is gone'
foreach ($shortcut in $shortcuts) { Check (-not (Test-Path $shortcut)) "shortcut $shortcut is gone" }
