using System.Security.Cryptography;

namespace ClaimDesk.Web.Infrastructure.Files;

/// <summary>
/// Content-addressed file storage (DESIGN §4 Files): a file is named by the SHA-256 of its bytes, so the same content
/// is stored once, and nothing a client sends ever becomes part of a path.
/// </summary>
public interface IFileStore
{
    /// <summary>
    /// Copies <paramref name="content"/> into a pending file, hashing it on the way, and stops after
    /// <paramref name="maxBytes"/> + 1 bytes (<see cref="PendingFile.TooLarge"/>), so an oversized upload is never read
    /// in full. Nothing is stored until <see cref="PendingFile.CommitAsync"/>; disposing an uncommitted file removes it.
    /// </summary>
    Task<PendingFile> ReceiveAsync(Stream content, long maxBytes, CancellationToken cancellationToken = default);

    /// <summary>The stored file with this hash, or null when there is none.</summary>
    Stream? Open(string sha256);

    /// <summary>Removes a stored file (used to undo a commit whose database transaction failed).</summary>
    void Delete(string sha256);
}

/// <summary>Received bytes waiting for the caller's decision: <see cref="CommitAsync"/> stores them, disposing drops them.</summary>
public abstract class PendingFile : IAsyncDisposable
{
    /// <summary>Bytes read (at most the limit + 1).</summary>
    public long Length { get; protected init; }

    public bool TooLarge { get; protected init; }

    /// <summary>Lower-case hex SHA-256 of the bytes read.</summary>
    public string Sha256 { get; protected init; } = "";

    /// <summary>The first bytes of the file, for type detection.</summary>
    public byte[] Head { get; protected init; } = [];

    /// <summary>Stores the file under its hash; returns false when the same content was already stored.</summary>
    public abstract Task<bool> CommitAsync(CancellationToken cancellationToken = default);

    public abstract ValueTask DisposeAsync();
}

/// <summary>The local-disk store: <c>&lt;DataDirectory&gt;/files/ab/cd/&lt;sha256&gt;</c>, outside the web root.</summary>
public sealed class LocalFileStore(DataDirectory dataDirectory) : IFileStore
{
    public const string Folder = "files";
    private const int HeadLength = AttachmentPolicy.HeadLength;

    private string Root => dataDirectory.Combine(Folder);

    public async Task<PendingFile> ReceiveAsync(Stream content, long maxBytes, CancellationToken cancellationToken = default)
    {
        // The temporary file sits on the same file system as the store, so the final move is atomic.
        var temporaryFolder = Path.Combine(Root, "tmp");
        Directory.CreateDirectory(temporaryFolder);
        var temporary = Path.Combine(temporaryFolder, Guid.NewGuid().ToString("N"));
        try
        {
            using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            var head = new List<byte>(HeadLength);
            long length = 0;
            var buffer = new byte[81920];
            await using (var file = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 0, FileOptions.Asynchronous))
            {
                while (length <= maxBytes)
                {
                    var wanted = (int)Math.Min(buffer.Length, maxBytes + 1 - length);
                    var read = await content.ReadAsync(buffer.AsMemory(0, wanted), cancellationToken);
                    if (read == 0)
                    {
                        break;
                    }

                    if (head.Count < HeadLength)
                    {
                        head.AddRange(buffer.Take(Math.Min(read, HeadLength - head.Count)));
                    }

                    hash.AppendData(buffer, 0, read);
                    length += read;
                    if (length <= maxBytes)
                    {
                        await file.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
                    }
                }
            }

            return new LocalPendingFile(this, temporary, length, length > maxBytes, Convert.ToHexStringLower(hash.GetHashAndReset()), [.. head]);
        }
        catch
        {
            File.Delete(temporary);
            throw;
        }
    }

    public Stream? Open(string sha256)
    {
        var path = PathOf(sha256);
        return File.Exists(path) ? new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 81920, FileOptions.Asynchronous) : null;
    }

    public void Delete(string sha256) => File.Delete(PathOf(sha256));

    private string PathOf(string sha256)
    {
        if (sha256.Length != 64 || !sha256.All(Uri.IsHexDigit))
        {
            throw new ArgumentException("Not a SHA-256 hash.", nameof(sha256));
        }

        return Path.Combine(Root, sha256[..2], sha256[2..4], sha256);
    }

    private sealed class LocalPendingFile : PendingFile
    {
        private readonly LocalFileStore _store;
        private readonly string _temporary;
        private bool _committed;

        public LocalPendingFile(LocalFileStore store, string temporary, long length, bool tooLarge, string sha256, byte[] head)
        {
            _store = store;
            _temporary = temporary;
            Length = length;
            TooLarge = tooLarge;
            Sha256 = sha256;
            Head = head;
        }

        public override Task<bool> CommitAsync(CancellationToken cancellationToken = default)
        {
            if (TooLarge)
            {
                throw new InvalidOperationException("A file over the limit is never stored.");
            }

            var target = _store.PathOf(Sha256);
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            bool created;
            try
            {
                File.Move(_temporary, target, overwrite: false);
                created = true;
            }
            catch (IOException) when (File.Exists(target))
            {
                // The same content is stored already (perhaps by a concurrent upload): keep that copy.
                File.Delete(_temporary);
                created = false;
            }

            _committed = true;
            return Task.FromResult(created);
        }

        public override ValueTask DisposeAsync()
        {
            if (!_committed)
            {
                File.Delete(_temporary);
            }

            return ValueTask.CompletedTask;
        }
    }
}
