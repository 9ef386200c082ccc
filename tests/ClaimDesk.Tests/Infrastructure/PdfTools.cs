using System.Diagnostics;

namespace ClaimDesk.Tests.Infrastructure;

/// <summary>
/// Reads a PDF the way people and scanners do, with Debian's poppler-utils and zbar-tools (scripts/test.sh installs
/// them): the text pdftotext finds, and the codes zbarimg decodes from the page printed at 150 dpi.
/// </summary>
public static class PdfTools
{
    public static async Task<string> TextAsync(byte[] pdf)
    {
        using var folder = new TemporaryFolder();
        var file = Path.Combine(folder.Path, "document.pdf");
        await File.WriteAllBytesAsync(file, pdf);
        return await RunAsync("pdftotext", "poppler-utils", "-enc", "UTF-8", file, "-");
    }

    /// <summary>The QR codes zbarimg decodes from the first page, one entry per code found.</summary>
    public static async Task<IReadOnlyList<string>> CodesAsync(byte[] pdf)
    {
        using var folder = new TemporaryFolder();
        var file = Path.Combine(folder.Path, "document.pdf");
        await File.WriteAllBytesAsync(file, pdf);
        await RunAsync("pdftoppm", "poppler-utils", "-png", "-r", "150", "-f", "1", "-l", "1", "-singlefile", file, Path.Combine(folder.Path, "page"));
        // QR codes only: the other symbologies' decoders read nothing useful from a label and warn about its text.
        var codes = await RunAsync("zbarimg", "zbar-tools", "--raw", "-q", "-Sdisable", "-Sqrcode.enable", Path.Combine(folder.Path, "page.png"));
        return codes.Split('\n', StringSplitOptions.RemoveEmptyEntries);
    }

    private static async Task<string> RunAsync(string tool, string package, params string[] arguments)
    {
        var start = new ProcessStartInfo(tool) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        Process process;
        try
        {
            process = Process.Start(start)!;
        }
        catch (System.ComponentModel.Win32Exception missing)
        {
            throw new InvalidOperationException($"{tool} is not installed: apt-get install {package} (scripts/test.sh does it as root).", missing);
        }

        using (process)
        {
            var output = process.StandardOutput.ReadToEndAsync();
            var error = process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync();
            Assert.True(process.ExitCode == 0, $"{tool} exited with {process.ExitCode}: {await error}");
            return await output;
        }
    }

    private sealed class TemporaryFolder : IDisposable
    {
        public string Path { get; } = Directory.CreateTempSubdirectory("claimdesk-pdf-").FullName;

        public void Dispose() => Directory.Delete(Path, recursive: true);
    }
}
