package io.huitong.web.error;

import io.huitong.kernel.ApiException;
import io.huitong.kernel.ErrorType;
import io.huitong.payments.Refusal;

/** Payments' refusals in the contract's error shape: the one place they meet HTTP. */
public final class PaymentRefusals {

    private PaymentRefusals() {
    }

    public static ApiException toApi(Refusal refusal) {
        return switch (refusal) {
            case Refusal.InvalidParameter p -> new ApiException(400, ErrorType.INVALID_REQUEST_ERROR, p.code(), p.message(), p.param());
            case Refusal.NotFound n -> new ApiException(404, ErrorType.INVALID_REQUEST_ERROR, n.code(), n.message(), n.param());
            case Refusal.WrongState w -> ApiException.conflict(w.code(), w.message());
            case Refusal.Declined d -> switch (d.by()) {
                case CARD -> ApiException.cardError(d.code(), d.message(), d.param(), d.payment());
                case CHANNEL -> ApiException.paymentError(d.code(), d.message(), d.payment());
                case RISK -> ApiException.riskBlocked(d.payment());
            };
            case Refusal.KeyInUse k -> new ApiException(409, ErrorType.IDEMPOTENCY_ERROR, k.code(), k.message(), "Idempotency-Key");
            case Refusal.KeyReused k -> new ApiException(422, ErrorType.IDEMPOTENCY_ERROR, k.code(), k.message(), "Idempotency-Key");
            case Refusal.ChannelUnavailable u -> new ApiException(503, ErrorType.API_ERROR, u.code(), u.message(), null);
        };
    }
}
