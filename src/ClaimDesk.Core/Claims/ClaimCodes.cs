namespace ClaimDesk.Core.Claims;

// The code lists of DESIGN §2; Codes.Of gives each value's snake_case code (InPerson → in_person).

public enum Channel { Web, Portal, Phone, Email, InPerson, Api }

public enum CustomerType { Consumer, Pnpk, Business }

public enum LegalBasis { Conformity, WarrantyB2b, Guarantee, Goodwill, PaidRepair }

public enum ClaimCategory { Quality, Quantity, Transport, Other }

public enum RequestedRemedy { Repair, Replacement, PriceReduction, Withdrawal }

public enum DeliveryMethod { CourierPickup, CustomerShips, DropOff, ParcelLocker, OnSite }

public enum ContactChannel { Email, Sms }

public enum ClaimDecision { Pending, Accepted, PartiallyAccepted, Rejected }

public enum LineDecision { Pending, Accepted, Rejected }

public enum Priority { Low, Normal, High, Urgent }
