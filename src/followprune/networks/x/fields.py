"""Query parameters in the two spellings X has used.

Spec 2.167 renamed `*_tweet_id` user fields to `*_post_id` and made them expansions only;
servers may accept one spelling or the other. The client tries the remembered spelling and
falls back to the other on a 400 that names these parameters.
"""

from __future__ import annotations

from typing import Literal

Spelling = Literal["old", "new"]
SPELLINGS: tuple[Spelling, Spelling] = ("old", "new")

# What scoring needs; connection_status tells who follows back and who is muted without
# reading the followers list.
_BASE_USER_FIELDS = ("created_at", "description", "location", "public_metrics", "protected",
                     "verified", "profile_image_url", "url")
FIELD_PARAMETERS = frozenset({"user.fields", "expansions", "tweet.fields", "post.fields"})


def other(spelling: Spelling) -> Spelling:
    return "new" if spelling == "old" else "old"


def user_params(spelling: Spelling, *, connection_status: bool = True) -> dict[str, str]:
    fields = list(_BASE_USER_FIELDS)
    if connection_status:
        fields.append("connection_status")
    if spelling == "old":
        # Old spelling: the last post's id is a plain field (no post object is returned, so
        # nothing extra is billed); only the pinned post is expanded, for its text.
        fields += ["most_recent_tweet_id", "pinned_tweet_id"]
        return {"user.fields": ",".join(fields), "expansions": "pinned_tweet_id",
                "tweet.fields": "created_at"}
    # 2.167: both ids are expansions, so the posts come back in includes.posts.
    return {"user.fields": ",".join(fields), "expansions": "most_recent_post_id,pinned_post_id",
            "post.fields": "created_at"}


# Post fields go by tweepy's name `tweet.fields` with the old vocabulary in both spellings:
# 2.167 declares `post.fields` without `author_id`, while X (and its own streaming endpoints)
# still take `tweet.fields`. Only the expansion names differ.
_MY_POST_FIELDS = "created_at,author_id,in_reply_to_user_id,referenced_tweets,entities"


def my_posts_params(spelling: Spelling) -> dict[str, str]:
    """Your own posts with what they refer to (replies, reposts, quotes and their authors)."""
    expansion = "referenced_tweets.id" if spelling == "old" else "referenced_posts"
    return {"tweet.fields": _MY_POST_FIELDS, "expansions": expansion}


def authored_params(spelling: Spelling) -> dict[str, str]:
    """Posts by others (mentions of you, your likes): who wrote them and when."""
    return {"tweet.fields": "created_at,author_id"}
