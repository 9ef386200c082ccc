using System.Globalization;
using Bogus;
using ClaimDesk.Core.Claims;
using ClaimDesk.Core.Common;
using ClaimDesk.Core.Security;
using ClaimDesk.Web.Features.Claims;
using Microsoft.EntityFrameworkCore;

namespace ClaimDesk.Web.Data;

/// <summary>
/// With <c>--demo</c>, an empty database gets a few hundred claims from Polish and Czech customers, taken in through
/// the same commands staff use and carried through the workflow, so every claim has a real number and history. Part of
/// them are assigned to the demo staff, so "My claims" and the personal board are not empty. Claimants' addresses are at
/// the reserved domains <c>example.pl</c> and <c>example.cz</c> (RFC 2606), and the messages the seeded history
/// would have sent are not queued: a demo with SMTP configured writes to nobody real.
/// </summary>
public sealed partial class DemoData(AppDbContext db, ClaimCommands commands, Features.Intake.ClaimIntake intake, ILogger<DemoData> logger)
{
    public const int ClaimCount = 300;

    /// <summary>The domains claimants' e-mail addresses are at: reserved for examples, they never receive mail.</summary>
    public static IReadOnlyList<string> ReservedDomains { get; } = ["example.com", "example.pl", "example.cz"];

    private static readonly (string Code, string Name, string Ean, decimal Price)[] Products =
    [
        ("AM-PA612", "Pralka Amica PA-612", "5906006712345", 1499m),
        ("ZL-VC752", "Odkurzacz Zelmer ZVC-752", "5908269512345", 549m),
        ("DL-ECAM22", "Ekspres do kawy De'Longhi ECAM 22.110", "8004399331234", 1299m),
        ("SM-A55", "Smartfon Samsung Galaxy A55 128 GB", "8806095312345", 1899m),
        ("LN-IP5", "Laptop Lenovo IdeaPad 5 14\"", "0196802412345", 3299m),
        ("LG-55UR78", "Telewizor LG 55UR78", "8806084112345", 2199m),
        ("BS-TWK3A", "Czajnik Bosch TWK 3A011", "4242005112345", 129m),
        ("KR-TRANS", "Rower elektryczny Kross Trans Hybrid 4.0", "5902262312345", 6999m),
        ("ST-C548", "Kosiarka Stiga Collector 548 S", "8022172712345", 1749m),
        ("GR-RK6192", "Lednice Gorenje RK6192EW4", "3838782412345", 11990m),
        ("ETA-1250", "Mikrovlnná trouba ETA 1250", "8590393212345", 2490m),
        ("CN-VP5230", "Vysavač Concept VP5230", "8595631012345", 5990m),
    ];

    private static readonly string[] FaultsPl =
    [
        "Urządzenie nie włącza się po podłączeniu do prądu.",
        "Głośna praca i wibracje podczas wirowania.",
        "Ekran miga i pojawiają się pionowe pasy.",
        "Bateria rozładowuje się w ciągu dwóch godzin.",
        "Przecieka woda spod obudowy.",
        "Pęknięta obudowa po tygodniu użytkowania.",
        "Brak reakcji na przyciski panelu sterowania.",
    ];

    private static readonly string[] FaultsCs =
    [
        "Spotřebič po zapojení nejde zapnout.",
        "Při provozu vydává hlasitý zvuk a vibruje.",
        "Displej bliká a zobrazuje svislé pruhy.",
        "Baterie se vybije za dvě hodiny.",
        "Zpod krytu vytéká voda.",
        "Prasklý kryt po týdnu používání.",
    ];

    /// <summary>The suppliers the demo's supplier claims are made to.</summary>
    private static readonly (string Code, string Name, string TaxId, string Country)[] Suppliers =
    [
        ("DOST-AMICA", "Amica S.A.", "PL7870005683", "PL"),
        ("DOST-BOSCH", "BSH Sprzęt Gospodarstwa Domowego Sp. z o.o.", "PL5270005684", "PL"),
        ("DOST-ETA", "ETA a.s.", "CZ00008222", "CZ"),
    ];

    public async Task SeedAsync(CancellationToken cancellationToken)
    {
        if (await db.Claims.AnyAsync(cancellationToken))
        {
            return;
        }

        var seededAt = DateTime.UtcNow;
        foreach (var (code, name, taxId, country) in Suppliers)
        {
            if (!await db.Suppliers.AnyAsync(s => s.Code == code, cancellationToken))
            {
                db.Suppliers.Add(Core.MasterData.Supplier.Create(code, new Core.MasterData.SupplierFacts(name, taxId, null, country), seededAt, new ChangeLog()));
            }
        }

        await db.SaveChangesAsync(cancellationToken);

        var staff = await db.Users.Where(u => u.Email != null && u.Email.EndsWith("@claimdesk.local"))
            .OrderBy(u => u.Email).Select(u => new { u.Id, u.Email }).ToListAsync(cancellationToken);
        var assignees = staff.Where(s => AccountSeeder.DemoUsers.Any(d => d.Email == s.Email)).Select(s => s.Id).ToList();
        var queuedBefore = await db.OutboxMessages.MaxAsync(m => (long?)m.Id, cancellationToken) ?? 0;
        Actor ActorFor(string role)
        {
            var email = role == StaffRole.Administrator ? "admin@claimdesk.local" : $"{role.ToLowerInvariant()}@claimdesk.local";
            return new Actor(Actor.UserKind, staff.FirstOrDefault(s => s.Email == email)?.Id, email, [role]);
        }

        var workflows = (await db.Registers.AsNoTracking().Include(r => r.Statuses).Include(r => r.Transitions)
            .AsSplitQuery().ToListAsync(cancellationToken)).ToDictionary(r => r.Id, r => r.Workflow);
        var random = new Randomizer(2026);
        var polish = new Faker("pl") { Random = random };
        var czech = new Faker("cz") { Random = random };
        var created = 0;
        for (var i = 0; i < ClaimCount; i++)
        {
            var czechCustomer = random.Bool(0.35f);
            var faker = czechCustomer ? czech : polish;
            var business = random.Bool(0.3f);
            var register = random.WeightedRandom(["complaints", "supplier", "presale", "service"], [0.75f, 0.1f, 0.07f, 0.08f]);
            var lineCount = business ? random.Int(1, 4) : 1;
            var delivery = random.Enum<DeliveryMethod>();
            var (firstName, lastName) = (faker.Name.FirstName(), faker.Name.LastName());
            var input = new ClaimInput
            {
                Register = register,
                Supplier = register == "supplier" ? new SupplierInput { Code = random.ArrayElement(Suppliers).Code } : null,
                Channel = Codes.Of(random.WeightedRandom([Channel.Phone, Channel.Email, Channel.InPerson, Channel.Api], [0.4f, 0.35f, 0.15f, 0.1f])),
                Customer = new CustomerInput
                {
                    Code = business ? $"K{random.Int(10000, 10060)}" : null,
                    Name = business ? faker.Company.CompanyName() : null,
                    TaxId = business ? random.ReplaceNumbers(czechCustomer ? "CZ########" : "PL##########") : null,
                },
                Contact = new ContactInput
                {
                    Name = $"{firstName} {lastName}",
                    Email = faker.Internet.Email(firstName, lastName, czechCustomer ? "example.cz" : "example.pl").ToLowerInvariant(),
                    Phone = czechCustomer ? random.ReplaceNumbers("+420 ### ### ###") : random.ReplaceNumbers("+48 ### ### ###"),
                    Language = czechCustomer ? "cs" : "pl",
                },
                CustomerType = Codes.Of(business ? CustomerType.Business : random.Bool(0.1f) ? CustomerType.Pnpk : CustomerType.Consumer),
                LegalBasis = Codes.Of(register == "service" ? LegalBasis.PaidRepair
                    : business ? LegalBasis.WarrantyB2b : random.Bool(0.8f) ? LegalBasis.Conformity : LegalBasis.Guarantee),
                Category = Codes.Of(random.WeightedRandom([ClaimCategory.Quality, ClaimCategory.Transport, ClaimCategory.Quantity, ClaimCategory.Other], [0.75f, 0.12f, 0.08f, 0.05f])),
                RequestedRemedy = Codes.Of(random.Enum<RequestedRemedy>()),
                DeliveryMethod = Codes.Of(delivery),
                PickupAddress = delivery == DeliveryMethod.CourierPickup
                    ? $"{faker.Address.StreetAddress()}\n{faker.Address.ZipCode()} {faker.Address.City()}\n{(czechCustomer ? "Česko" : "Polska")}"
                    : null,
                ParcelLockerId = delivery == DeliveryMethod.ParcelLocker
                    ? czechCustomer ? random.ReplaceNumbers("#####") : random.Replace("???##?").ToUpperInvariant()
                    : null,
                Lines = [.. Enumerable.Range(0, lineCount).Select(_ =>
                {
                    var product = random.ArrayElement(Products);
                    return new ClaimLineInput
                    {
                        ProductCode = product.Code,
                        ProductName = product.Name,
                        Ean = product.Ean,
                        SerialNumber = random.Replace("SN-????-########"),
                        Quantity = business ? random.Int(1, 5) : 1,
                        UnitPrice = product.Price,
                        PurchaseDate = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(-random.Int(20, 600)),
                        SalesDocumentNumber = $"FV/{random.Int(1, 12):00}/2026/{random.Int(100, 9999)}",
                        FaultDescription = random.ArrayElement(czechCustomer ? FaultsCs : FaultsPl),
                    };
                })],
            };
            // Received over the last four weeks, so that the dashboard shows deadlines due, overdue and at risk.
            var receivedAt = DateTime.UtcNow.AddMinutes(-random.Int(10, 28 * 24 * 60));
            var (claim, errors) = await intake.TakeOneAsync(input, ActorFor(StaffRole.Operator),
                Features.Intake.IntakeChannel.Staff with { ReceivedAt = receivedAt, Acknowledges = false }, cancellationToken);
            if (claim is null)
            {
                throw new InvalidOperationException("Demo claim refused: " + string.Join("; ", errors.Select(e => $"{e.Field}: {e.Message}")));
            }

            created++;
            // Two claims in three go to a demo staff member, the rest wait unassigned, as on a real desk.
            if (assignees.Count > 0 && random.Bool(0.67f))
            {
                await commands.AssignAsync(claim.Id, random.ListItem(assignees), ActorFor(StaffRole.Manager), cancellationToken);
            }

            await AdvanceAsync(claim, workflows[claim.RegisterId], random, ActorFor, cancellationToken);
            db.ChangeTracker.Clear();
        }

        // The history is made up: what it would have sent (confirmations, status mails, texts) goes nowhere.
        await db.OutboxMessages.Where(m => m.Id > queuedBefore).ExecuteDeleteAsync(cancellationToken);

        // The demo users start with a clean notification centre, not three hundred "new claim" notes.
        await db.Notifications.ExecuteUpdateAsync(n => n.SetProperty(x => x.ReadAt, DateTime.UtcNow), cancellationToken);
        LogSeeded(logger, created);
    }

    /// <summary>Walks a claim a random distance along its workflow, with the roles the workflow asks for.</summary>
    private async Task AdvanceAsync(Claim claim, ClaimDesk.Core.Workflows.Workflow workflow, Randomizer random, Func<string, Actor> actorFor, CancellationToken cancellationToken)
    {
        var steps = random.Int(0, 5);
        var status = claim.Status;
        for (var step = 0; step < steps; step++)
        {
            var choices = workflow.From(status).Where(t => t.ToStatus != "cancelled" || random.Bool(0.2f)).ToList();
            if (choices.Count == 0)
            {
                return;
            }

            var transition = random.ListItem(choices);
            var role = transition.AllowedRoles.Contains(StaffRole.Operator) ? StaffRole.Operator : transition.AllowedRoles[0];
            var fields = new Dictionary<string, string?>
            {
                ["reason"] = "Wada powstała z winy użytkownika (uszkodzenie mechaniczne).",
            };
            var outcome = await commands.TransitionAsync(claim.Id, transition.ToStatus, new TransitionInput(fields, []),
                actorFor(role), cancellationToken);
            if (!outcome.Succeeded)
            {
                return;
            }

            status = transition.ToStatus;
        }
    }

    [LoggerMessage(EventId = 1020, Level = LogLevel.Information, Message = "Demo data: {Count} claims created.")]
    private static partial void LogSeeded(ILogger logger, int count);
}
