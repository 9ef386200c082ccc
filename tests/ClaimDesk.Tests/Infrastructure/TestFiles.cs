using System.Security.Cryptography;

namespace ClaimDesk.Tests.Infrastructure;

/// <summary>Files to upload: the first bytes of a real type, then random bytes, so each has a hash of its own.</summary>
public static class TestFiles
{
    public static readonly byte[] JpegMagic = [0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10, 0x4A, 0x46, 0x49, 0x46, 0x00];

    /// <summary>A file that starts with <paramref name="magic"/> and goes on with random bytes, so its hash is new.</summary>
    public static byte[] Of(byte[] magic, int size = 50_000)
    {
        var bytes = RandomNumberGenerator.GetBytes(size);
        magic.CopyTo(bytes, 0);
        return bytes;
    }

    public static byte[] Jpeg() => Of(JpegMagic);

    public static byte[] Pdf() => Of("%PDF-1.7\n%\u00e2\u00e3\n"u8.ToArray());

    /// <summary>A Windows program (MZ header), whatever it is called.</summary>
    public static byte[] Exe() => Of("MZ\u0090\0"u8.ToArray());

    public static string Hash(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));

    /// <summary>The files under the data directory's file store (temporary files included).</summary>
    public static string[] Stored(string dataDirectory)
    {
        var folder = Path.Combine(dataDirectory, "files");
        return Directory.Exists(folder) ? Directory.GetFiles(folder, "*", SearchOption.AllDirectories) : [];
    }
}
