using System.Net;
using System.Text;

namespace ClaimDesk.Tests.Infrastructure;

/// <summary>
/// Another web site on 127.0.0.1 (its own port, so its own origin) that answers every request with one HTML page: the
/// company's shop that frames ClaimDesk's form, or a stranger's site. Stopped when disposed.
/// </summary>
public sealed class StaticSite : IAsyncDisposable
{
    private readonly HttpListener _listener = new();
    private readonly Task _serving;

    public StaticSite()
    {
        Origin = $"http://127.0.0.1:{AppProcess.FreePort()}";
        _listener.Prefixes.Add(Origin + "/");
        _listener.Start();
        _serving = Task.Run(async () =>
        {
            while (_listener.IsListening)
            {
                HttpListenerContext context;
                try
                {
                    context = await _listener.GetContextAsync();
                }
                catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
                {
                    return;
                }

                context.Response.ContentType = "text/html; charset=utf-8";
                await context.Response.OutputStream.WriteAsync(Encoding.UTF8.GetBytes(Html));
                context.Response.Close();
            }
        });
    }

    public string Origin { get; }

    /// <summary>The page every request gets.</summary>
    public string Html { get; set; } = "<!DOCTYPE html><html><body></body></html>";

    public async ValueTask DisposeAsync()
    {
        _listener.Stop();
        _listener.Close();
        await _serving;
    }
}
