using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace ClaimDesk.Tests.Infrastructure;

/// <summary>
/// The built ClaimDesk.Web started as its own process, the way the README runs it: for what only a real process
/// shows (exit codes, what it prints, two nodes on one database).
/// </summary>
public sealed class AppProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly StringBuilder _standardOutput = new();

    private AppProcess(Process process, Uri? address)
    {
        _process = process;
        Address = address;
    }

    public Uri? Address { get; }

    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    /// <summary>What the process wrote to stdout alone (<see cref="Output"/> has stdout and stderr together).</summary>
    public string StandardOutput
    {
        get
        {
            lock (_output)
            {
                return _standardOutput.ToString();
            }
        }
    }

    public static string WebProjectDirectory => Path.Combine(TestEnvironment.RepositoryRoot, "src", "ClaimDesk.Web");

    /// <summary>Starts the app; with <paramref name="listen"/> it serves on a free 127.0.0.1 port.</summary>
    public static AppProcess Start(IReadOnlyDictionary<string, string> environment, bool listen, params string[] arguments)
    {
        // The test assembly and the web app are built in the same configuration (bin/<Configuration>/net10.0).
        var configuration = new DirectoryInfo(AppContext.BaseDirectory).Parent!.Name;
        var dll = Path.Combine(WebProjectDirectory, "bin", configuration, "net10.0", "ClaimDesk.Web.dll");
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = WebProjectDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(dll);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        Uri? address = null;
        if (listen)
        {
            address = new Uri($"http://127.0.0.1:{FreePort()}");
            start.ArgumentList.Add("--urls");
            start.ArgumentList.Add(address.ToString().TrimEnd('/'));
        }

        start.Environment["DOTNET_NOLOGO"] = "1";
        start.Environment.Remove("ASPNETCORE_ENVIRONMENT");
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        var process = new Process { StartInfo = start };
        var app = new AppProcess(process, address);
        process.OutputDataReceived += (_, e) => app.Append(e.Data, standardOutput: true);
        process.ErrorDataReceived += (_, e) => app.Append(e.Data, standardOutput: false);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return app;
    }

    /// <summary>Waits for the process to end by itself; returns its exit code.</summary>
    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        await _process.WaitForExitAsync(cancel.Token);
        _process.WaitForExit();
        return _process.ExitCode;
    }

    /// <summary>Polls <paramref name="path"/> until it answers 200, the process dies, or the time runs out.</summary>
    public async Task<HttpStatusCode> WaitForAsync(string path, TimeSpan timeout)
    {
        using var client = new HttpClient { BaseAddress = Address, Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow + timeout;
        var last = HttpStatusCode.ServiceUnavailable;
        while (DateTime.UtcNow < deadline && !_process.HasExited)
        {
            try
            {
                using var response = await client.GetAsync(path);
                last = response.StatusCode;
                if (last == HttpStatusCode.OK)
                {
                    return last;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(200);
        }

        return last;
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private void Append(string? line, bool standardOutput)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
            if (standardOutput)
            {
                _standardOutput.AppendLine(line);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }
}
