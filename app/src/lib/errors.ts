// Plain-words sentences for every error a contract of the suite can return, typed against the
// generated bindings: a new variant in a contract's error enum makes `tsc` fail here until it
// has its sentence. Meanings come from the rustdoc of interfaces/src/errors/*.rs.

import type {
  InterfacesErrorsRegistryRegistryError as RegistryError,
  InterfacesErrorsTokenTokenError as TokenError,
  InterfacesErrorsSplitterSplitterError as SplitterError,
  InkPrimitivesLangError as LangError,
  InterfacesErrorsRosterRosterError as RosterError,
} from '../contracts/types/registry';
import type { InterfacesErrorsGovernanceGovernanceError as GovernanceError } from '../contracts/types/governance';
import type { Psp22ErrorsPsp22Error as Psp22Error } from '../contracts/types/personal-token';

export type { RegistryError, TokenError, SplitterError, GovernanceError, Psp22Error, LangError, RosterError };

/** How amounts inside errors are written (the chain's native unit). */
export interface ErrorContext {
  money: (planck: bigint) => string;
}

export const plainContext: ErrorContext = { money: (v) => `${v} planck` };

/** One sentence per variant; variants carrying data get it. */
type Sentences<E extends { type: string }> = {
  [K in E['type']]: (e: Extract<E, { type: K }>, ctx: ErrorContext) => string;
};

const s = (text: string) => () => text;

// ----- transfer restriction codes (ERC-1404), interfaces/src/restriction.rs ------------------

/** Local fallback of `message_for_transfer_restriction`, used when the token cannot be asked. */
export const RESTRICTION_MESSAGES: Readonly<Record<number, string>> = {
  0: 'The transfer is allowed.',
  1: 'The token is not yet wired to its registry, payout splitter and governance.',
  2: 'The token is frozen by a governance ruling or an expulsion.',
  3: 'The sender is not an active member of the registry.',
  4: 'The receiver is not an active member of the registry.',
  5: 'Holders sell through a transfer request that the issuer approves; a plain transfer is not allowed.',
  6: "The sender's balance is too small.",
  7: "Part of the sender's balance is locked in open transfer requests or offerings.",
  8: 'The registry could not be asked whether the parties are members; try again later.',
  9: 'The issuer is suspended or under an open dispute: his own tokens do not move.',
};

export function restrictionMessage(code: number): string {
  return RESTRICTION_MESSAGES[code] ?? `Transfer refused for an unknown restriction code (${code}).`;
}

// ----- splitter --------------------------------------------------------------------------------

const SPLITTER: Sentences<SplitterError> = {
  NotToken: s('Only the token this payout splitter belongs to may report balance changes.'),
  NothingToDistribute: s('There is nothing to distribute: no value was sent and the splitter holds nothing.'),
  NothingToClaim: s('You have nothing to claim from this payout splitter.'),
  BalanceMismatch: s("The token and its payout splitter disagree about a holder's balance, so the change was refused."),
  InsufficientBalance: s('The change would move more tokens than the sender holds.'),
  TooManyStreams: s('The maximum number of payout streams is already running.'),
  InvalidDuration: s('A payout stream needs a duration above zero and no longer than the maximum.'),
  ArithmeticOverflow: s('A calculation overflowed; the amounts are too large.'),
  TransferFailed: s('Paying the holder failed (for example the amount is below the existential deposit of a new account).'),
  InvalidAccount: s('The issuer cannot be named as a holder, and no account may be named twice.'),
  StreamTooSmall: (e, c) => `A payout stream this long must pay at least ${c.money(e.value)} so that it vests every block.`,
  NotIssuer: s("Only the token's issuer may do this."),
  StreamNotFound: s('No running payout stream has this id (it never existed, finished vesting, or was ended).'),
};

// ----- token -------------------------------------------------------------------------------------

const TOKEN: Sentences<TokenError> = {
  NotIssuer: s("Only the token's issuer may do this."),
  NotGovernance: s('Only governance may do this.'),
  NotGovernanceOrRegistry: s('Only governance or the registry may do this.'),
  NotWiringAuthority: s('Only the account that created the token may wire it.'),
  AlreadyWired: s('The token is already wired.'),
  NotWired: s('The token is not yet wired to its registry, payout splitter and governance.'),
  Frozen: s('The token is frozen.'),
  NotFrozen: s('The token is not frozen.'),
  Restricted: (e) => restrictionMessage(e.value),
  ZeroAmount: s('The amount must be more than zero.'),
  SelfTransfer: s('The buyer and the seller cannot be the same account.'),
  InsufficientUnlockedBalance: s('Your balance that is not locked in requests or offerings is too small.'),
  IssuerNotAllowed: s('The issuer cannot sell through a transfer request nor subscribe to his own offering.'),
  InvalidDecisionPeriod: s('The decision period must be between one minute and one year.'),
  RequestNotFound: s('No transfer request has this id.'),
  NotSeller: s("Only the request's seller may do this."),
  NotBuyer: s("Only the request's buyer may do this."),
  RequestClosed: s('The request is already executed, rejected, cancelled or pre-empted.'),
  AlreadyApproved: s("The request is already approved (by the issuer or by his silence): the issuer's decision window is over."),
  GiftCannotBePreempted: s('A gift (price zero) cannot be pre-empted: there is no price to match.'),
  AlreadyFunded: s('The request is already funded.'),
  NotFunded: s('The request is not funded yet.'),
  NothingToFund: s("The request's price is zero: there is nothing to pay."),
  WrongPayment: (e, c) => `The payment must be exactly ${c.money(e.value[0])}; ${c.money(e.value[1])} was sent.`,
  CannotCancelYet: s('The seller cannot cancel yet: the request is approved and its settlement deadline has not passed.'),
  CannotWithdrawYet: s('The buyer cannot withdraw yet: the request is approved and can execute, and no upgrade is under way.'),
  NotApproved: s('The request is not approved yet.'),
  RequestExpired: s("The request's settlement deadline has passed."),
  ReasonTooLong: s('The rejection reason is too long.'),
  OfferingNotFound: s('No offering has this id.'),
  OfferingClosed: s('The offering no longer accepts subscriptions (closed, sold out, or past its deadline).'),
  OfferingStillOpen: s('The offering is still open: it cannot be settled yet.'),
  OfferingFinalized: s('The offering is already settled or failed.'),
  OfferingNotFailed: s('The offering did not fail, so there is nothing to refund.'),
  NotInvited: s('This offering is for named buyers only, and you are not one of them.'),
  TermsMismatch: s("The terms you accepted are not the token's current terms; reload the page and review them."),
  ExceedsOffering: s('The subscription is larger than what remains in the offering.'),
  TooManySubscribers: s('The offering already has the maximum number of subscribers.'),
  TooManyInvitees: s('Too many named buyers.'),
  DeadlineInPast: s('The deadline must be in the future.'),
  InvalidOffering: s('Invalid offering terms: the price is zero, or the minimum is above the total value offered.'),
  NothingToRefund: s('You have no subscription to refund.'),
  AssetNotFound: s('No asset has this id.'),
  LiquidationUnderpaid: (e, c) => `The liquidation report must carry at least the holders' share of ${c.money(e.value)}.`,
  PageTooLarge: s('Too many items asked for in one page.'),
  CannotRecoverIssuer: s("A recovery cannot move the issuer's own balance nor target the issuer."),
  InvalidRecovery: s('A recovery was given the same account twice.'),
  IssuerRestrained: s('The issuer is suspended or under an open dispute: his own transfers, new offerings, settlements and first refusal wait until it ends.'),
  NotRegistry: s('Only the registry may do this.'),
  TooManyOpenPositions: s('The account already has the most open requests and subscriptions allowed.'),
  WithdrawalNotAllowed: s('You may leave an open offering only while its issuer is restrained or an upgrade is under way.'),
  ArithmeticOverflow: s('A calculation overflowed; the amounts are too large.'),
  TransferFailed: s('A payment out of the token contract failed.'),
  UpgradeFailed: s('The upgrade failed: no code is stored under that hash.'),
  Splitter: (e, c) => `The payout splitter refused: ${splitterErrorMessage(e.value, c)}`,
  CallFailed: s('A call to another contract failed (missing, trapped or out of gas).'),
  OfferingHasSubscriptions: s('An open offering has subscriptions: settle or cancel it before reporting a liquidation.'),
  SubscriptionTooSmall: (e, c) => `The subscription is too small: the smallest accepted now is ${c.money(e.value)}.`,
  BelowExistentialDeposit: (e, c) => `A positive amount must be at least the chain's existential deposit, ${c.money(e.value)}.`,
};

// ----- roster --------------------------------------------------------------------------------

const ROSTER: Record<RosterError, string> = {
  NotWriter: "The caller is not the roster's writer, the registry that instantiated it.",
};

// ----- registry -------------------------------------------------------------------------------

const REGISTRY: Sentences<RegistryError> = {
  NotGovernance: s('Only governance may do this.'),
  AlreadyMember: s('This account is already a member.'),
  AlreadyCandidate: s('This account already has an open application.'),
  Expelled: s('This account was expelled and may not return.'),
  WrongBond: (e, c) => `The bond must be exactly ${c.money(e.value[0])}; ${c.money(e.value[1])} was sent.`,
  NotCandidate: s('This account has no open application.'),
  NotActiveMember: s('The account is not an active member.'),
  NotMember: s('The account is not a member.'),
  CannotVouchForSelf: s('A member cannot vouch for himself.'),
  AlreadyVouched: s('You already vouched for this candidate.'),
  VouchingClosed: s("The candidate's vouching window has closed."),
  VoucherInCooldown: s('You may not vouch until your cooldown ends.'),
  TooManyVouchers: s('The candidate already has the maximum number of vouchers.'),
  NotSuspended: s('The member is not suspended.'),
  AlreadyExpelled: s('The member is already expelled.'),
  HasToken: s('A member with a token cannot resign: he may not walk away from his holders.'),
  AlreadyHasToken: s('The member already launched his token.'),
  NotResigning: s('The member is not resigning.'),
  CooldownNotOver: s('The cooldown has not ended yet.'),
  NothingToRelease: s('You have no vouch bond to release.'),
  VouchStillLocked: s('The vouch bond is still at stake.'),
  InvalidParams: s('Invalid parameters (for example zero vouches required, or more than the maximum).'),
  TooManyGenesisMembers: s('More genesis members than the maximum.'),
  NoGenesisMembers: s('At least one genesis member is needed, or nobody could ever be vouched in.'),
  InvalidSuspension: s('A suspension must end in the future.'),
  PageTooLarge: s('Too many members asked for in one page.'),
  InstantiationFailed: s('Creating the token or its payout splitter failed.'),
  TransferFailed: s('A payment out of the registry failed.'),
  InsufficientTreasury: s('The amount is more than the treasury holds.'),
  DisputePending: s('A dispute against the member is open: this waits until it is executed.'),
  NoOpenCase: s('The member has no open dispute recorded.'),
  ArithmeticOverflow: s('A calculation overflowed; the amounts are too large.'),
  UpgradeFailed: s('The upgrade failed: no code is stored under that hash.'),
  Token: (e, c) => `The member's token refused: ${tokenErrorMessage(e.value, c)}`,
  Splitter: (e, c) => `The member's payout splitter refused: ${splitterErrorMessage(e.value, c)}`,
  CallFailed: s('A call to another contract failed (missing, trapped or out of gas).'),
  TenureNotServed: s('A new member may vouch only after his tenure is served.'),
  VouchLimitReached: s('You already vouched the most times allowed in this period.'),
  Roster: (e) => `The member roster refused: ${rosterErrorMessage(e.value)}`,
};

// ----- governance ---------------------------------------------------------------------------

const GOVERNANCE: Sentences<GovernanceError> = {
  NotActiveMember: s('Only an active member may do this.'),
  NotWiringAuthority: s('Only the account that created governance may wire it.'),
  AlreadyWired: s('Governance is already wired to its registry.'),
  NotWired: s('Governance is not yet wired to its registry.'),
  NotGovernance: s('Only governance itself (an executed proposal) may do this.'),
  WrongBond: (e, c) => `The bond must be exactly ${c.money(e.value[0])}; ${c.money(e.value[1])} was sent.`,
  InvalidRemedy: s('The remedy does not fit this dispute.'),
  CannotAccuseSelf: s('A member cannot accuse himself.'),
  AccusedNotMember: s('The accused cannot be judged: not a member, expelled, or resigned.'),
  DisputeNotFound: s('No dispute has this id.'),
  WrongPhase: s('The dispute is not in the phase this action needs.'),
  NotParty: s('Only the claimant or the accused may submit evidence.'),
  AlreadyCommitted: s('You already committed a vote in this round.'),
  NotCommitted: s('You did not commit a vote in this round.'),
  AlreadyRevealed: s('You already revealed your vote in this round.'),
  BadReveal: s('The revealed vote and salt do not match your commitment.'),
  JurorExcluded: s('You may not judge this dispute (a party, a voucher of the accused, a holder of his token, or a juror who withheld his reveal).'),
  AppealNotAllowed: s('Only the losing side may appeal, once, within the appeal window.'),
  NotFinal: s('The ruling is not final yet.'),
  AlreadyExecuted: s('This was already executed.'),
  ProposalNotFound: s('No proposal has this id.'),
  AlreadyVoted: s('You already voted.'),
  VotingClosed: s('The voting period is over.'),
  VotingOpen: s('The voting period is not over yet.'),
  ProposalDefeated: s('The proposal did not pass.'),
  TimelockNotOver: s('The timelock has not expired yet.'),
  InputTooLong: s('The proposal input is too long.'),
  InsufficientFreeBalance: s("The proposal's value exceeds what governance holds outside bonds."),
  ProposalCallFailed: s("The proposal's call failed; nothing changed."),
  UnknownSelfCall: s('Governance cannot run this call on itself.'),
  InvalidParams: s('Invalid parameters.'),
  WrongDeposit: (e, c) => `The juror deposit must be exactly ${c.money(e.value[0])}; ${c.money(e.value[1])} was sent.`,
  NotNewAccount: s('A key recovery must be claimed by the new account itself.'),
  NotContestable: s('Only the lost account of an open key-recovery dispute may contest it.'),
  NothingToClaim: s('You have no deposit refund or reward to claim in this dispute.'),
  TransferFailed: s('A payment out of governance failed.'),
  ArithmeticOverflow: s('A calculation overflowed; the amounts are too large.'),
  UpgradeFailed: s('The upgrade failed: no code is stored under that hash.'),
  Registry: (e, c) => `The registry refused: ${registryErrorMessage(e.value, c)}`,
  Token: (e, c) => `A token refused: ${tokenErrorMessage(e.value, c)}`,
  CallFailed: s('A call to another contract failed (missing, trapped or out of gas).'),
  NoRightsYet: s('Your voting, proposing and judging rights have not begun yet.'),
  NotAllowlisted: s('A proposal may not make this call.'),
  UpgradePending: s('An upgrade of this contract is already proposed and not settled.'),
  NotProposer: s('Only the proposer may cancel his proposal.'),
  ProposalCancelled: s('The proposal was cancelled by its proposer.'),
  ProposalVetoed: s('The proposal was vetoed by a blocking minority.'),
  ProposalExpired: s('The proposal can no longer be executed: its grace period is over.'),
  NotInTimelock: s('A veto is only possible while the proposal is in its timelock.'),
  AlreadyVetoed: s('You already vetoed this proposal.'),
};

// ----- PSP22 and ink! -------------------------------------------------------------------------

const PSP22: Sentences<Psp22Error> = {
  Custom: (e) => `The token refused the transfer: ${e.value}.`,
  InsufficientBalance: s('The balance is too small.'),
  InsufficientAllowance: s('The allowance is too small.'),
  ZeroRecipientAddress: s('The recipient cannot be the zero address.'),
  ZeroSenderAddress: s('The sender cannot be the zero address.'),
  SafeTransferCheckFailed: (e) => `The receiving contract refused the tokens: ${e.value}.`,
};

const LANG: Record<LangError, string> = {
  CouldNotReadInput: 'The contract did not understand the call (unknown message or bad input): the app and the contract may be out of date with each other.',
};

function sentence<E extends { type: string }>(table: Sentences<E>, e: E, ctx: ErrorContext): string {
  if (!e || typeof e.type !== 'string') return 'Unknown error.';
  const f = table[e.type as E['type']] as ((e: E, ctx: ErrorContext) => string) | undefined;
  return f ? f(e, ctx) : `Unknown error (${e.type}).`;
}

export const registryErrorMessage = (e: RegistryError, ctx: ErrorContext = plainContext) => sentence(REGISTRY, e, ctx);
export const tokenErrorMessage = (e: TokenError, ctx: ErrorContext = plainContext) => sentence(TOKEN, e, ctx);
export const splitterErrorMessage = (e: SplitterError, ctx: ErrorContext = plainContext) => sentence(SPLITTER, e, ctx);
export const governanceErrorMessage = (e: GovernanceError, ctx: ErrorContext = plainContext) => sentence(GOVERNANCE, e, ctx);
export const psp22ErrorMessage = (e: Psp22Error, ctx: ErrorContext = plainContext) => sentence(PSP22, e, ctx);
export const rosterErrorMessage = (e: RosterError): string => ROSTER[e] ?? `Unknown error (${String(e)}).`;
export const langErrorMessage = (e: LangError): string => LANG[e] ?? `The contract could not run the call (${String(e)}).`;

/** The variant names covered, for tests. */
export const COVERED = {
  registry: Object.keys(REGISTRY),
  token: Object.keys(TOKEN),
  splitter: Object.keys(SPLITTER),
  governance: Object.keys(GOVERNANCE),
  psp22: Object.keys(PSP22),
  roster: Object.keys(ROSTER),
  lang: Object.keys(LANG),
};

// ----- dry-run failures below the contract's error type -----------------------------------------

/** A pallet (module) error as dedot decodes it from a DispatchError. */
export interface ModuleErrorInfo {
  pallet?: string;
  name: string;
  docs?: string[];
}

const KNOWN_MODULE_ERRORS: Record<string, string> = {
  OutOfGas: 'The call ran out of gas.',
  StorageDepositLimitExhausted: 'The storage deposit limit is too low for this call.',
  StorageDepositNotEnoughFunds: 'Your account cannot pay the storage deposit this call needs.',
  ContractTrapped: 'The contract trapped (a bug or an unexpected state); nothing changed.',
  ContractNotFound: 'No contract exists at this address.',
  TransferFailed: 'Your account has too little free balance to send this value.',
  ContractReverted: 'The contract refused the call.',
  CodeNotFound: "The contract's code is not stored on this chain.",
};

/** A sentence for a pallet error from a failed dry run (e.g. Contracts.OutOfGas). */
export function moduleErrorMessage(err: ModuleErrorInfo): string {
  const known = KNOWN_MODULE_ERRORS[err.name];
  if (known) return known;
  const docs = (err.docs ?? []).join(' ').trim();
  const where = err.pallet ? `${err.pallet}.${err.name}` : err.name;
  return docs ? `The chain refused the call (${where}): ${docs}` : `The chain refused the call (${where}).`;
}
