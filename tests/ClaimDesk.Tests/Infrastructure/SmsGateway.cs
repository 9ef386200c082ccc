using System.Net;
using System.Net.Sockets;
using System.Text;

namespace ClaimDesk.Tests.Infrastructure;

/// <summary>
/// An SMS gateway on 127.0.0.1 for tests: its port is chosen at once, but it listens only from <see cref="Start"/>
/// (before that, the gateway is "down": connections are refused). It answers every request 200 and keeps it.
/// </summary>
public sealed class SmsGateway : IAsyncDisposable
{
    private readonly List<GatewayRequest> _requests = [];
    private HttpListener? _listener;
    private Task? _loop;

    public SmsGateway()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        Port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
    }

    public int Port { get; }

    public string Url => $"http://127.0.0.1:{Port}/send";

    public IReadOnlyList<GatewayRequest> Requests
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
        _loop = Task.Run(async () =>
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

                using var reader = new StreamReader(context.Request.InputStream, Encoding.UTF8);
                var body = await reader.ReadToEndAsync();
                lock (_requests)
                {
                    _requests.Add(new GatewayRequest(context.Request.HttpMethod, context.Request.Url!.PathAndQuery,
                        context.Request.Headers["Authorization"], context.Request.ContentType, body));
                }

                context.Response.StatusCode = 200;
                context.Response.Close();
            }
        });
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

public sealed record GatewayRequest(string Method, string PathAndQuery, string? Authorization, string? ContentType, string Body);
