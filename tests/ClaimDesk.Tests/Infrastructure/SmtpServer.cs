using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;

namespace ClaimDesk.Tests.Infrastructure;

/// <summary>
/// Debian's aiosmtpd (python3-aiosmtpd) on a free 127.0.0.1 port, storing what it receives in a Maildir. The port
/// is chosen at once and the server started when the test says, so a test can send to a server that is down first.
/// </summary>
public sealed class SmtpServer : IAsyncDisposable
{
    private const string Python = "/usr/bin/python3";

    private static readonly string[] MaildirFolders = ["new", "cur"];

    private Process? _process;

    public SmtpServer()
    {
        Port = FreePort();
        Maildir = Directory.CreateTempSubdirectory("claimdesk-maildir-").FullName;
        Directory.Delete(Maildir);
    }

    public int Port { get; }

    public string Maildir { get; }

    public async Task StartAsync()
    {
        var start = new ProcessStartInfo(Python)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { "-m", "aiosmtpd", "-n", "-l", $"127.0.0.1:{Port}", "-c", "aiosmtpd.handlers.Mailbox", Maildir })
        {
            start.ArgumentList.Add(argument);
        }

        _process = Process.Start(start)!;
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (DateTime.UtcNow < deadline)
        {
            Assert.False(_process.HasExited, $"aiosmtpd exited with code {(_process.HasExited ? _process.ExitCode : 0)} (is python3-aiosmtpd installed?)");
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, Port);
                return;
            }
            catch (SocketException)
            {
                await Task.Delay(100);
            }
        }

        Assert.Fail($"aiosmtpd did not listen on port {Port} within 20 s.");
    }

    /// <summary>The messages received so far, parsed by Python's e-mail package.</summary>
    public Task<IReadOnlyList<ReceivedMail>> MessagesAsync()
    {
        var files = MaildirFolders.Select(d => Path.Combine(Maildir, d)).Where(Directory.Exists)
            .SelectMany(Directory.GetFiles).ToList();
        return ReceivedMail.ParseAsync(files);
    }

    public async ValueTask DisposeAsync()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process?.Dispose();
        try
        {
            Directory.Delete(Maildir, recursive: true);
        }
        catch (DirectoryNotFoundException)
        {
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

/// <summary>An e-mail as a mail client reads it: headers decoded, the plain-text part decoded.</summary>
public sealed record ReceivedMail(string Path, string Subject, string To, string From, string MessageId, string? Text, string? Html,
    IReadOnlyList<string> Attachments)
{
    private const string Parser = """
        import email, email.policy, json, sys
        out = []
        for path in sys.argv[1:]:
            with open(path, "rb") as f:
                m = email.message_from_binary_file(f, policy=email.policy.default)
            body = m.get_body(preferencelist=("plain",))
            html = m.get_body(preferencelist=("html",))
            files = [f"{a.get_filename()}|{a.get_content_type()}|{len(a.get_content())}" for a in m.iter_attachments()]
            out.append({"Path": path, "Subject": str(m["subject"]), "To": str(m["to"]), "From": str(m["from"]),
                        "MessageId": str(m["message-id"]), "Text": body.get_content() if body is not None else None,
                        "Html": html.get_content() if html is not None else None, "Attachments": files})
        print(json.dumps(out))
        """;

    private const string AttachmentReader = """
        import base64, email, email.policy, sys
        with open(sys.argv[1], "rb") as f:
            m = email.message_from_binary_file(f, policy=email.policy.default)
        part = next(a for a in m.iter_attachments() if a.get_filename() == sys.argv[2])
        print(base64.b64encode(part.get_content()).decode())
        """;

    /// <summary>The bytes of the attachment named <paramref name="fileName"/>, decoded from the message as received.</summary>
    public async Task<byte[]> AttachmentAsync(string fileName)
    {
        var start = new ProcessStartInfo("/usr/bin/python3")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add(AttachmentReader);
        start.ArgumentList.Add(Path);
        start.ArgumentList.Add(fileName);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, await error);
        return Convert.FromBase64String((await output).Trim());
    }

    /// <summary>Parses .eml / Maildir files with Python's e-mail package, independent of System.Net.Mail.</summary>
    public static async Task<IReadOnlyList<ReceivedMail>> ParseAsync(IReadOnlyList<string> files)
    {
        if (files.Count == 0)
        {
            return [];
        }

        var start = new ProcessStartInfo("/usr/bin/python3")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add(Parser);
        foreach (var file in files)
        {
            start.ArgumentList.Add(file);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, await error);
        return JsonSerializer.Deserialize<List<ReceivedMail>>(await output)!;
    }
}
