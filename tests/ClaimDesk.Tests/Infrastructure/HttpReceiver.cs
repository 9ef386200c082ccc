using System.Net;
using System.Net.Sockets;

namespace ClaimDesk.Tests.Infrastructure;

/// <summary>
/// An HTTP receiver on 127.0.0.1 for tests (a webhook receiver, an SMS gateway): its port is chosen at once, but it listens only from <see cref="Start"/>
/// (before that it is "down": connections are refused). It keeps every request with its headers and raw body bytes
/// and answers <see cref="Answer"/> (200 unless the test says otherwise).
/// </summary>
public sealed class HttpReceiver : IAsyncDisposable
{
    private readonly List<ReceivedRequest> _requests = [];
    private HttpListener? _listener;
    private Task? _loop;

    public HttpReceiver()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        Port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
    }

    public int Port { get; }

    /// <summary>The status code each request is answered with.</summary>
    public HttpStatusCode Answer { get; set; } = HttpStatusCode.OK;

    public string UrlOf(string path) => $"http://127.0.0.1:{Port}{path}";

    public IReadOnlyList<ReceivedRequest> Requests
    {
        get
        {
            lock (_requests)
            {
                return [.. _requests];
            }
        }
    }

    public void Start()
    {
        _listener = new HttpListener();
        _listener.Prefixes.Add($"http://127.0.0.1:{Port}/");
        _listener.Start();
        _loop = Task.Run(ServeAsync);
    }

    private async Task ServeAsync()
    {
        while (_listener!.IsListening)
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

            using var body = new MemoryStream();
            await context.Request.InputStream.CopyToAsync(body);
            var request = context.Request;
            var headers = request.Headers.AllKeys.OfType<string>()
                .ToDictionary(name => name, name => request.Headers[name]!, StringComparer.OrdinalIgnoreCase);
            lock (_requests)
            {
                _requests.Add(new ReceivedRequest(request.HttpMethod, request.Url!.PathAndQuery, headers, body.ToArray()));
            }

            context.Response.StatusCode = (int)Answer;
            context.Response.Close();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_listener is not null)
        {
            _listener.Stop();
            _listener.Close();
            await (_loop ?? Task.CompletedTask);
        }
    }
}

public sealed record ReceivedRequest(string Method, string PathAndQuery, IReadOnlyDictionary<string, string> Headers, byte[] Body)
{
    public string? Header(string name) => Headers.TryGetValue(name, out var value) ? value : null;
}
