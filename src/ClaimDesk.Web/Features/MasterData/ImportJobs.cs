using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using ClaimDesk.Core.Claims;
using ClaimDesk.Web.Infrastructure;

namespace ClaimDesk.Web.Features.MasterData;

public enum ImportJobState
{
    Running,
    Done,
    Failed,
}

/// <summary>
/// A CSV import started on the import page. Its state is replaced whole (never changed in place), so that a page reads a
/// consistent picture while the import goes on.
/// </summary>
public sealed class ImportJob(Guid id, string kind, string fileName, DateTime startedAt)
{
    public Guid Id { get; } = id;

    /// <summary>The kind's route: <c>customers</c>, <c>suppliers</c>, <c>products</c>, <c>sales-documents</c>.</summary>
    public string Kind { get; } = kind;

    public string FileName { get; } = fileName;

    public DateTime StartedAt { get; } = startedAt;

    public ImportJobState State { get; private set; } = ImportJobState.Running;

    /// <summary>The counts so far (at the end, every refused row, sorted by row); null until the first batch is written.</summary>
    public ImportReport? Report { get; private set; }

    /// <summary>How much of the file has been read, from 0 to 1.</summary>
    public double Fraction { get; private set; }

    /// <summary>Why the file could not be imported at all (its header; an unexpected failure).</summary>
    public IReadOnlyList<string> Problems { get; private set; } = [];

    public DateTime? FinishedAt { get; private set; }

    internal void Progress(ImportReport report, double fraction)
    {
        Report = report with { RefusedRows = [.. report.RefusedRows] };
        Fraction = fraction;
    }

    internal void Finish(ImportReport? report, IEnumerable<string> problems, DateTime now)
    {
        Report = report ?? Report;
        Problems = [.. problems];
        Fraction = 1;
        FinishedAt = now;
        State = report is null ? ImportJobState.Failed : ImportJobState.Done;
    }
}

/// <summary>
/// CSV imports started from the import page, run in the background on this node, each in its own DI scope (its own
/// DbContext) through <see cref="MasterDataImport"/>, the API's import. The jobs live in this node's memory: a page
/// polling for progress must reach the node that runs the import (sticky sessions behind a load balancer), and a restart
/// forgets them (what was imported stays imported; batches are committed as they go). Finished jobs are forgotten after
/// a day. The uploaded file waits in the data directory until its import has read it.
/// </summary>
public sealed partial class ImportJobs(
    IServiceScopeFactory scopes, DataDirectory dataDirectory, TimeProvider time, IHostApplicationLifetime lifetime,
    Microsoft.Extensions.Localization.IStringLocalizer<SharedResource> localizer, ILogger<ImportJobs> logger)
{
    private static readonly TimeSpan KeepFinished = TimeSpan.FromDays(1);
    private readonly ConcurrentDictionary<Guid, ImportJob> _jobs = new();

    public ImportJob? Find(Guid id) => _jobs.TryGetValue(id, out var job) ? job : null;

    /// <summary>Stores the upload and starts importing it; the culture of the caller is the language of its messages.</summary>
    public async Task<ImportJob> StartAsync(string kind, string fileName, Stream upload, Actor actor, CancellationToken cancellationToken)
    {
        foreach (var old in _jobs.Values.Where(j => j.FinishedAt < time.GetUtcNow().UtcDateTime - KeepFinished))
        {
            _jobs.TryRemove(old.Id, out _);
        }

        var job = new ImportJob(Guid.NewGuid(), kind, fileName, time.GetUtcNow().UtcDateTime);
        var directory = Directory.CreateDirectory(dataDirectory.Combine("imports"));
        var path = Path.Combine(directory.FullName, job.Id.ToString("N") + ".csv");
        await using (var file = File.Create(path))
        {
            await upload.CopyToAsync(file, cancellationToken);
        }

        _jobs[job.Id] = job;
        _ = Task.Run(() => RunAsync(job, path, actor), CancellationToken.None);
        return job;
    }

    private async Task RunAsync(ImportJob job, string path, Actor actor)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var import = scope.ServiceProvider.GetRequiredService<MasterDataImport>();
            await using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16,
                FileOptions.Asynchronous | FileOptions.DeleteOnClose);
            var length = Math.Max(1, file.Length);
            void Progress(ImportReport report) => job.Progress(report, Math.Min(1, (double)file.Position / length));
            var stopping = lifetime.ApplicationStopping;
            var (report, problem) = job.Kind switch
            {
                "customers" => await import.ImportAsync(new CustomerKind(), file, ImportFormat.Csv, actor, stopping, Progress),
                "suppliers" => await import.ImportAsync(new SupplierKind(), file, ImportFormat.Csv, actor, stopping, Progress),
                "products" => await import.ImportAsync(new ProductKind(), file, ImportFormat.Csv, actor, stopping, Progress),
                _ => await import.ImportAsync(new SalesDocumentKind(), file, ImportFormat.Csv, actor, stopping, Progress),
            };
            job.Finish(report, problem?.SelectMany(p => p.Value) ?? [], time.GetUtcNow().UtcDateTime);
        }
        catch (Exception failure)
        {
            LogImportFailed(logger, failure, job.Id, job.Kind);
            var message = failure is OperationCanceledException
                ? localizer["The import stopped because the server is shutting down; the batches imported so far are kept."]
                : localizer["The import failed; the batches imported so far are kept. The server's log says why."];
            job.Finish(null, [message.Value], time.GetUtcNow().UtcDateTime);
            File.Delete(path);
        }
    }

    /// <summary>The refused rows as CSV: row number, key, column and reason, a line per reason.</summary>
    public static string RefusedCsv(ImportJob job)
    {
        var csv = new StringBuilder("row,key,column,reason\r\n");
        foreach (var row in job.Report?.RefusedRows ?? [])
        {
            foreach (var (column, reasons) in row.Errors)
            {
                foreach (var reason in reasons)
                {
                    csv.Append(row.Row.ToString(CultureInfo.InvariantCulture)).Append(',').Append(Quoted(row.Key)).Append(',')
                        .Append(Quoted(column)).Append(',').Append(Quoted(reason)).Append("\r\n");
                }
            }
        }

        return csv.ToString();
    }

    private static string Quoted(string? value) =>
        value is null ? "" : value.IndexOfAny([',', '"', '\r', '\n', ';']) < 0 ? value : "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    [LoggerMessage(EventId = 1502, Level = LogLevel.Error, Message = "The CSV import {Job} of {Kind} failed")]
    private static partial void LogImportFailed(ILogger logger, Exception failure, Guid job, string kind);
}
