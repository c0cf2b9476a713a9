package io.huitong.wallets.internal;

import io.huitong.consumers.VerificationChannel;
import io.huitong.consumers.Verifications;
import io.huitong.wallets.AccountClass;
import io.huitong.wallets.AccountClasses;
import io.huitong.wallets.domain.ClassRules;
import java.util.Optional;
import java.util.Set;

/** A wallet's class from its holder's verification channels ({@link ClassRules#classOf}), with the holder or alone: one query. */
final class VerifiedAccountClasses implements AccountClasses {

    private final Verifications verifications;

    VerifiedAccountClasses(Verifications verifications) {
        this.verifications = verifications;
    }

    @Override
    public Optional<AccountClass> classOf(String userId) {
        return classOf(verifications.channels(userId));
    }

    @Override
    public Optional<Holder> holder(String userId) {
        return verifications.standing(userId).map(s -> new Holder(s.since(), classOf(s.channels())));
    }

    private static Optional<AccountClass> classOf(Set<VerificationChannel> channels) {
        return ClassRules.classOf((int) channels.stream().filter(VerificationChannel::external).count(),
                channels.contains(VerificationChannel.FACE_TO_FACE));
    }
}
