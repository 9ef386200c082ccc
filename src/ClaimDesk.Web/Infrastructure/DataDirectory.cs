namespace ClaimDesk.Web.Infrastructure;

/// <summary>The resolved, existing data directory (<c>ClaimDesk:DataDirectory</c>).</summary>
public sealed class DataDirectory
{
    public DataDirectory(string contentRoot, string configured)
    {
        Path = System.IO.Path.GetFullPath(configured, contentRoot);
        try
        {
            Directory.CreateDirectory(Path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new StartupException($"ClaimDesk:DataDirectory '{Path}' cannot be created: {e.Message}", e);
        }
    }

    public string Path { get; }

    public string Combine(params string[] parts) => System.IO.Path.Combine([Path, .. parts]);
}
