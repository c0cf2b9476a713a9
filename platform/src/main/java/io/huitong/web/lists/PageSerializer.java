package io.huitong.web.lists;

import io.huitong.kernel.Page;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.ser.std.StdSerializer;

/** Writes a kernel {@link Page} as the contract's list object, so controllers can simply return one. */
@SuppressWarnings({"rawtypes", "unchecked"})
final class PageSerializer extends StdSerializer<Page> {

    PageSerializer() {
        super(Page.class);
    }

    @Override
    public void serialize(Page page, JsonGenerator json, SerializationContext context) {
        json.writeStartObject();
        json.writeStringProperty("object", "list");
        json.writeName("data");
        context.writeValue(json, page.data());
        json.writeBooleanProperty("has_more", page.hasMore());
        json.writeEndObject();
    }
}
