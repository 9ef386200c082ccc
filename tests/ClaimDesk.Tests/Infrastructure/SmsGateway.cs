using System.Text;

namespace ClaimDesk.Tests.Infrastructure;

/// <summary>
/// An SMS gateway on 127.0.0.1 for tests: its port is chosen at once, but it listens only from <see cref="Start"/>
/// (before that, the gateway is "down": connections are refused). It answers every request 200 and keeps it.
/// </summary>
public sealed class SmsGateway : IAsyncDisposable
{
    private readonly HttpReceiver _receiver = new();

    public int Port => _receiver.Port;

    public string Url => _receiver.UrlOf("/send");

    public IReadOnlyList<GatewayRequest> Requests =>
    [
        .. _receiver.Requests.Select(r => new GatewayRequest(r.Method, r.PathAndQuery, r.Header("Authorization"),
            r.Header("Content-Type"), Encoding.UTF8.GetString(r.Body))),
    ];

    public void Start() => _receiver.Start();

    public ValueTask DisposeAsync() => _receiver.DisposeAsync();
}

public sealed record GatewayRequest(string Method, string PathAndQuery, string? Authorization, string? ContentType, string Body);
