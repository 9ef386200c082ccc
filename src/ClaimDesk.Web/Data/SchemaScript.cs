using System.Reflection;
using System.Security.Cryptography;
using System.Text;
using ClaimDesk.Web.Infrastructure;

namespace ClaimDesk.Web.Data;

/// <summary>One numbered schema change, <c>Data/Migrations/{Provider}/NNNN_name.sql</c>, embedded in the assembly.</summary>
public sealed record SchemaScript(int Version, string Name, string Sql)
{
    /// <summary>SHA-256 of the script with line endings normalised: an applied script must never change.</summary>
    public string Checksum { get; } = Convert.ToHexStringLower(
        SHA256.HashData(Encoding.UTF8.GetBytes(Sql.ReplaceLineEndings("\n"))));

    /// <summary>The scripts for one provider in version order, read from the embedded resources.</summary>
    public static IReadOnlyList<SchemaScript> For(DatabaseProvider provider)
    {
        var assembly = typeof(SchemaScript).Assembly;
        var prefix = $"migrations/{provider}/";
        return [.. assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith(prefix, StringComparison.Ordinal) && n.EndsWith(".sql", StringComparison.Ordinal))
            .Select(n => Load(assembly, n, n[prefix.Length..^".sql".Length]))
            .OrderBy(s => s.Version)];
    }

    private static SchemaScript Load(Assembly assembly, string resource, string fileName)
    {
        var separator = fileName.IndexOf('_', StringComparison.Ordinal);
        if (separator < 1 || !int.TryParse(fileName[..separator], out var version))
        {
            throw new InvalidOperationException($"Schema script '{resource}' must be named NNNN_name.sql.");
        }

        using var stream = assembly.GetManifestResourceStream(resource)!;
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return new SchemaScript(version, fileName[(separator + 1)..], reader.ReadToEnd());
    }
}
