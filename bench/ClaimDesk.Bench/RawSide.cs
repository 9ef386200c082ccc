using System.Globalization;
using ClaimDesk.Core.Common;
using ClaimDesk.Core.Registers;
using Npgsql;
using NpgsqlTypes;

namespace ClaimDesk.Bench;

/// <summary>
/// The baseline: the rows one API call writes, written with plain Npgsql, prepared and parameterised, one
/// transaction per claim on a pooled connection — customer, number upsert, claim (with its jurisdiction and next due
/// time), two lines, four creation audit events (as <c>Claim.RecordCreation</c> records them: number, status, one
/// per line), the claim's two deadlines (PL-CONS-RESP-2023 and the standard SLA, 14 days) with their two history
/// events, and its search document (folded by the application's own <see cref="SearchText"/>). Everything after the
/// claim depends only on its id, so it goes in one prepared batch, as EF Core batches it too; the number is taken by
/// the same upsert the application uses, so its row lock serialises creations here exactly as there.
/// </summary>
public sealed class RawSide : IClaimWriter
{
    private const string InsertCustomer = """
        INSERT INTO customers (code, name, type, tax_id, email, phone, created_at)
        VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id
        """;

    private const string NextNumber = """
        INSERT INTO number_sequences (register_id, year, last_value) VALUES ($1, $2, 1)
        ON CONFLICT (register_id, year) DO UPDATE SET last_value = number_sequences.last_value + 1
        RETURNING last_value
        """;

    private const string InsertClaim = """
        INSERT INTO claims (number, register_id, channel, customer_id, contact_name, contact_email, contact_phone,
            contact_language, preferred_channel, customer_type, legal_basis, category, requested_remedy, delivery_method,
            description, status, decision, assignee_id, priority, received_at, decided_at, resolved_at, closed_at,
            created_at, updated_at, value, is_deleted, deleted_at, version, jurisdiction, next_due_at)
        VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22, $23,
            $24, $25, $26, $27, $28, $29, $30, $31)
        RETURNING id
        """;

    private const string InsertLine = """
        INSERT INTO claim_lines (claim_id, line_no, reference_number, product_code, product_name, ean, serial_number,
            quantity, unit_price, purchase_date, sales_document_number, fault_description, diagnosis, decision,
            decision_reason, decided_at)
        VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16)
        """;

    private const string InsertAudit = """
        INSERT INTO audit_events (at, actor_type, actor_id, actor_name, entity_type, entity_id, action, field, old_value,
            new_value, remote_address)
        VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
        """;

    private const string InsertDeadline = """
        INSERT INTO claim_deadlines (claim_id, kind, rule_id, due_at, state) VALUES ($1, $2, $3, $4, $5)
        """;

    private const string InsertSearch = """
        INSERT INTO claim_search (claim_id, document, indexed_at) VALUES ($1, $2, $3)
        """;

    private const string ContactName = "Jan Kowalski";
    private const string ContactEmail = "jan.kowalski@example.pl";
    private const string ContactPhone = "+48 600 100 200";
    private const decimal UnitPrice = 1499.99m;

    private readonly NpgsqlDataSource _dataSource;
    private readonly Register _register;
    private readonly string _initialStatus;
    private readonly TimeZoneInfo _zone = TimeZoneInfo.FindSystemTimeZoneById("Europe/Warsaw");

    private RawSide(NpgsqlDataSource dataSource, Register register, string initialStatus)
    {
        _dataSource = dataSource;
        _register = register;
        _initialStatus = initialStatus;
    }

    public string Name => "raw Npgsql";

    /// <summary>
    /// Gives <paramref name="database"/> the application's schema, reference data and an API key (the audit events'
    /// actor) by starting the application on it once, then stopping it; reads the register the claims go to.
    /// </summary>
    public static async Task<RawSide> PrepareAsync(BenchDatabase database)
    {
        await using (var app = new BenchApp(database.ConnectionString))
        {
            await app.CreateApiKeyAsync();
        }

        var dataSource = NpgsqlDataSource.Create(database.ConnectionString);
        try
        {
            await using var connection = await dataSource.OpenConnectionAsync();
            await using var command = new NpgsqlCommand("""
                SELECT r.id, r.numbering_pattern, s.code FROM registers r JOIN workflow_statuses s ON s.register_id = r.id
                WHERE r.code = 'complaints' AND s.is_initial AND NOT s.hidden_from_queues ORDER BY s.sort_order LIMIT 1
                """, connection);
            await using var reader = await command.ExecuteReaderAsync();
            if (!await reader.ReadAsync())
            {
                throw new BenchFailedException("The application did not seed the 'complaints' register.");
            }

            var register = new Register { Id = reader.GetInt32(0), Code = "complaints", NumberingPattern = reader.GetString(1) };
            return new RawSide(dataSource, register, reader.GetString(2));
        }
        catch
        {
            await dataSource.DisposeAsync();
            throw;
        }
    }

    public async Task CreateClaimAsync(CancellationToken cancellationToken)
    {
        var now = DateTime.UtcNow;
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(now, _zone));
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);

        long customerId;
        await using (var customer = new NpgsqlCommand(InsertCustomer, connection, transaction))
        {
            customer.Parameters.Add(Null(NpgsqlDbType.Varchar));
            customer.Parameters.Add(Value(ContactName));
            customer.Parameters.Add(Value("consumer"));
            customer.Parameters.Add(Null(NpgsqlDbType.Varchar));
            customer.Parameters.Add(Value(ContactEmail));
            customer.Parameters.Add(Value(ContactPhone));
            customer.Parameters.Add(Value(now));
            await customer.PrepareAsync(cancellationToken);
            customerId = (long)(await customer.ExecuteScalarAsync(cancellationToken))!;
        }

        long sequence;
        await using (var next = new NpgsqlCommand(NextNumber, connection, transaction))
        {
            next.Parameters.Add(Value(_register.Id));
            next.Parameters.Add(Value(today.Year));
            await next.PrepareAsync(cancellationToken);
            sequence = (long)(await next.ExecuteScalarAsync(cancellationToken))!;
        }

        var number = NumberPattern.Format(_register.NumberingPattern, today, sequence);
        // Both deadlines are 14 calendar days after the day received, due at the end of that day in Warsaw.
        var due = TimeZoneInfo.ConvertTimeToUtc(today.AddDays(15).ToDateTime(TimeOnly.MinValue), _zone).AddMilliseconds(-1);
        long claimId;
        await using (var claim = new NpgsqlCommand(InsertClaim, connection, transaction))
        {
            claim.Parameters.Add(Value(number));
            claim.Parameters.Add(Value(_register.Id));
            claim.Parameters.Add(Value("phone"));
            claim.Parameters.Add(Value(customerId));
            claim.Parameters.Add(Value(ContactName));
            claim.Parameters.Add(Value(ContactEmail));
            claim.Parameters.Add(Value(ContactPhone));
            claim.Parameters.Add(Value("pl"));
            claim.Parameters.Add(Value("email"));
            claim.Parameters.Add(Value("consumer"));
            claim.Parameters.Add(Value("conformity"));
            claim.Parameters.Add(Value("quality"));
            claim.Parameters.Add(Value("repair"));
            claim.Parameters.Add(Value("courier_pickup"));
            claim.Parameters.Add(Null(NpgsqlDbType.Text));
            claim.Parameters.Add(Value(_initialStatus));
            claim.Parameters.Add(Value("pending"));
            claim.Parameters.Add(Null(NpgsqlDbType.Varchar));
            claim.Parameters.Add(Value("normal"));
            claim.Parameters.Add(Value(now));
            claim.Parameters.Add(Null(NpgsqlDbType.TimestampTz));
            claim.Parameters.Add(Null(NpgsqlDbType.TimestampTz));
            claim.Parameters.Add(Null(NpgsqlDbType.TimestampTz));
            claim.Parameters.Add(Value(now));
            claim.Parameters.Add(Value(now));
            claim.Parameters.Add(Value(2 * UnitPrice));
            claim.Parameters.Add(Value(false));
            claim.Parameters.Add(Null(NpgsqlDbType.TimestampTz));
            claim.Parameters.Add(Value(0));
            claim.Parameters.Add(Value("pl"));
            claim.Parameters.Add(Value(due));
            await claim.PrepareAsync(cancellationToken);
            claimId = (long)(await claim.ExecuteScalarAsync(cancellationToken))!;
        }

        var claimKey = claimId.ToString(CultureInfo.InvariantCulture);
        await using (var rest = new NpgsqlBatch(connection, transaction))
        {
            var references = new List<string>();
            for (var lineNo = 1; lineNo <= 2; lineNo++)
            {
                var reference = NumberPattern.LineReference(number, lineNo);
                references.Add(reference);
                rest.BatchCommands.Add(Command(InsertLine,
                    Value(claimId), Value(lineNo), Value(reference),
                    Value(string.Create(CultureInfo.InvariantCulture, $"AM-PA61{lineNo}")),
                    Value(string.Create(CultureInfo.InvariantCulture, $"Pralka Amica PA-61{lineNo}")),
                    Null(NpgsqlDbType.Varchar),
                    Value(string.Create(CultureInfo.InvariantCulture, $"SN-{lineNo:0000}")),
                    Value(1m), Value(UnitPrice), Value(new DateOnly(2026, 3, 1)), Null(NpgsqlDbType.Varchar),
                    Value("Nie wiruje, głośno pracuje."), Null(NpgsqlDbType.Text), Value("pending"),
                    Null(NpgsqlDbType.Varchar), Null(NpgsqlDbType.TimestampTz)));
            }

            rest.BatchCommands.Add(Audit(now, "claim", claimKey, "number", number));
            rest.BatchCommands.Add(Audit(now, "claim", claimKey, "status", _initialStatus));
            foreach (var reference in references)
            {
                rest.BatchCommands.Add(Audit(now, "claim_line", claimKey, "line", reference));
            }

            foreach (var (kind, rule) in (ReadOnlySpan<(string, string)>)[("statutory_response", "PL-CONS-RESP-2023"), ("sla_resolution", "sla:standard:resolution")])
            {
                rest.BatchCommands.Add(Command(InsertDeadline, Value(claimId), Value(kind), Value(rule), Value(due), Value("running")));
                rest.BatchCommands.Add(Command(InsertAudit,
                    Value(now), Value("api_key"), Value("api_key:1"), Value("benchmark"), Value("claim"), Value(claimKey),
                    Value("deadline_changed"), Value("deadline"), Null(NpgsqlDbType.Text),
                    Value(string.Create(CultureInfo.InvariantCulture, $"{rule} {due:yyyy-MM-dd'T'HH:mm:ss.fff'Z'} running")), Value("127.0.0.1")));
            }

            var document = SearchText.Document([
                number, ContactName, ContactEmail, ContactPhone, null, ContactName, null, null, ContactEmail,
                .. references.SelectMany((reference, i) => new[]
                {
                    reference, $"AM-PA61{i + 1}", $"Pralka Amica PA-61{i + 1}", null, $"SN-{i + 1:0000}", null,
                    "Nie wiruje, głośno pracuje.", null, null,
                }),
            ]);
            rest.BatchCommands.Add(Command(InsertSearch, Value(claimId), Value(document), Value(now)));

            await rest.PrepareAsync(cancellationToken);
            await rest.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
    }

    public ValueTask DisposeAsync() => _dataSource.DisposeAsync();

    /// <summary>An audit event as the application writes it for a creation through an API key, from 127.0.0.1.</summary>
    private static NpgsqlBatchCommand Audit(DateTime now, string entityType, string entityId, string field, string newValue) =>
        Command(InsertAudit,
            Value(now), Value("api_key"), Value("api_key:1"), Value("benchmark"), Value(entityType), Value(entityId),
            Value("created"), Value(field), Null(NpgsqlDbType.Text), Value(newValue), Value("127.0.0.1"));

    private static NpgsqlBatchCommand Command(string sql, params NpgsqlParameter[] parameters)
    {
        var command = new NpgsqlBatchCommand(sql);
        command.Parameters.AddRange(parameters);
        return command;
    }

    private static NpgsqlParameter<T> Value<T>(T value) => new() { TypedValue = value };

    private static NpgsqlParameter Null(NpgsqlDbType type) => new() { NpgsqlDbType = type, Value = DBNull.Value };
}
